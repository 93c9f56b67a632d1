import type { EntityManager } from '@mikro-orm/knex';
import { OUTBOX, OUTBOX_REVIEW, type OutboxReviewRow, type OutboxRow } from './entities.js';

export interface Reviewer {
  username: string;
  name: string;
}

/**
 * An operator's decision on a FAILED message, with who and why kept in `outbox_review`: `requeue` puts it
 * back in line (due now), `abandon` gives it up so the later messages of its case may go. Call it inside
 * the transaction that also changes the sender's own state, if the decision does. Returns the message as
 * it is now, or null when it is not FAILED (any more) — two operators deciding at once: one wins.
 */
export async function reviewFailed(
  tx: EntityManager,
  messageId: string,
  action: OutboxReviewRow['action'],
  by: Reviewer,
  reason: string,
  now: Date = new Date(),
): Promise<OutboxRow | null> {
  if (!tx.isInTransaction()) throw new Error('reviewFailed: call it inside a transaction (em.transactional(tx => …))');
  const changes: Partial<OutboxRow> = action === 'requeue'
    ? { status: 'PENDING', nextAttemptAt: now, claimedBy: null, claimedUntil: null }
    : { status: 'ABANDONED' };
  const n = await tx.nativeUpdate<OutboxRow>(OUTBOX, { messageId, status: 'FAILED' }, changes);
  if (n !== 1) return null;
  await tx.insert<OutboxReviewRow>(OUTBOX_REVIEW, { messageId, action, byUsername: by.username, byName: by.name, reason, at: now } as OutboxReviewRow);
  return tx.findOne<OutboxRow>(OUTBOX, { messageId }, { disableIdentityMap: true });
}

/** The reviews of some messages, oldest first. */
export function reviewsOf(em: EntityManager, messageIds: readonly string[]): Promise<OutboxReviewRow[]> {
  if (!messageIds.length) return Promise.resolve([]);
  return em.find<OutboxReviewRow>(OUTBOX_REVIEW, { messageId: { $in: [...messageIds] } }, { orderBy: { id: 'asc' }, disableIdentityMap: true });
}

/**
 * What a stored `last_error` says, for people: the receiver's own words when it answered with a JSON
 * `{ error, code }` (its refusal), else the text as it was recorded (a network error, a status line).
 */
export function deliveryError(lastError: string | null): { message: string; code: string | null; status: number | null } | null {
  if (!lastError) return null;
  const m = /^(\d{3}) ([\s\S]*)$/.exec(lastError);
  if (!m) return { message: lastError, code: null, status: null };
  try {
    const body = JSON.parse(m[2]!) as { error?: unknown; code?: unknown };
    if (typeof body.error === 'string') return { message: body.error, code: typeof body.code === 'string' ? body.code : null, status: Number(m[1]) };
  } catch {
    // cut off or not JSON: keep it as recorded
  }
  return { message: m[2]!, code: null, status: Number(m[1]) };
}
