import type { EntityManager } from '@mikro-orm/knex';
import { OUTBOX, type OutboxRow } from './entities.js';

/** What a sender hands over. `payload` must survive JSON.stringify; the receiver gets it back parsed. */
export interface HandoverMessage<P = unknown> {
  /** Unique per hand-over and stable across retries, chosen by the caller: e.g. `<caseNo>#<hop>#<kind>`. */
  messageId: string;
  /** Where it goes; `createRelay`'s `resolveTarget` turns it into a base URL. Convention: the receiving level. */
  target: string;
  kind: string;
  caseNo: string;
  /** The hop of the case's journey this message belongs to (1 for the first forwarding, …). */
  hop: number;
  payload: P;
}

const LIMITS = { messageId: 128, target: 64, kind: 32, caseNo: 64 } as const;

/** Why a message is malformed, or null. Shared by `enqueue` and the receiving route. */
export function messageProblem(m: unknown): string | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'the message must be a JSON object';
  const o = m as Record<string, unknown>;
  for (const [field, max] of Object.entries(LIMITS)) {
    if (field === 'target' && o.target === undefined) continue; // the receiver does not need it
    const v = o[field];
    if (typeof v !== 'string' || v.trim() === '') return `${field}: must be a non-empty string`;
    if (v.length > max) return `${field}: at most ${max} characters, got ${v.length}`;
  }
  if (typeof o.hop !== 'number' || !Number.isSafeInteger(o.hop) || o.hop < 0) return `hop: must be a whole number, 0 or more, got ${JSON.stringify(o.hop)}`;
  if (!('payload' in o) || o.payload === undefined) return 'payload: missing (use null for none)';
  return null;
}

/**
 * Records a hand-over in the sender's outbox with the caller's EntityManager, which must be inside the
 * transaction that also changes the sender's own state: both commit or neither does. The row is due at
 * once; call the relay's `kick()` after the commit to send it without waiting for the next tick.
 * A `messageId` already in the outbox fails the transaction (unique key): ids are the caller's to keep unique.
 */
export async function enqueue(em: EntityManager, message: HandoverMessage, now: Date = new Date()): Promise<OutboxRow> {
  const problem = messageProblem(message);
  if (problem || message.target === undefined) throw new Error(`enqueue: ${problem ?? 'target: must be a non-empty string'}`);
  if (!em.isInTransaction()) {
    throw new Error('enqueue: call it with the EntityManager of the transaction that changes the sender\'s state (em.transactional(tx => … enqueue(tx, …)))');
  }
  const payload = JSON.stringify(message.payload);
  const row: Omit<OutboxRow, 'id'> = {
    messageId: message.messageId, target: message.target, kind: message.kind, caseNo: message.caseNo, hop: message.hop,
    payload, createdAt: now, status: 'PENDING', attempts: 0, nextAttemptAt: now,
    deliveredAt: null, lastError: null, claimedBy: null, claimedUntil: null,
  };
  const id = await em.insert<OutboxRow>(OUTBOX, row as OutboxRow);
  return { ...row, id: Number(id) };
}

/** Puts a FAILED (refused) message back in line, e.g. after the cause was fixed at the receiver. */
export async function requeue(em: EntityManager, messageId: string, now: Date = new Date()): Promise<boolean> {
  const n = await em.nativeUpdate<OutboxRow>(OUTBOX, { messageId, status: { $in: ['FAILED', 'ABANDONED'] } }, {
    status: 'PENDING', nextAttemptAt: now, claimedBy: null, claimedUntil: null,
  });
  return n > 0;
}

/** Gives a FAILED message up for good, so the later messages of its case may go. The row stays. */
export async function abandon(em: EntityManager, messageId: string): Promise<boolean> {
  const n = await em.nativeUpdate<OutboxRow>(OUTBOX, { messageId, status: 'FAILED' }, { status: 'ABANDONED' });
  return n > 0;
}

/** The outbox rows of one case, oldest first (what was handed over, when, and whether it arrived). */
export function outboxOf(em: EntityManager, caseNo: string): Promise<OutboxRow[]> {
  return em.find<OutboxRow>(OUTBOX, { caseNo }, { orderBy: { id: 'asc' }, disableIdentityMap: true });
}
