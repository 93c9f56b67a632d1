import { EntitySchema } from '@mikro-orm/core';

/**
 * Where a message is in its life at the sender:
 * - `PENDING`: waiting for (another) delivery attempt at `nextAttemptAt`;
 * - `DELIVERED`: the receiver acknowledged it (2xx, including "duplicate"); kept as the audit trail;
 * - `FAILED`: the receiver refused it for good (a 4xx such as 422, a business refusal); never retried by
 *   itself, and it holds back the later messages of the same case until `requeue` or `abandon`;
 * - `ABANDONED`: an operator gave a failed message up (`abandon`); later messages of the case may go.
 */
export type OutboxStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'ABANDONED';

/** One hand-over the sender has committed to deliver (the transactional outbox). Rows are never deleted. */
export interface OutboxRow {
  id: number;
  /** Chosen by the caller and unique, e.g. `<caseNo>#<hop>#<kind>`: the receiver's idempotency key. */
  messageId: string;
  /** Where it goes: a name `resolveTarget` turns into a base URL — by convention the receiving level (`TOWNSHIP`). */
  target: string;
  kind: string;
  caseNo: string;
  hop: number;
  /** The message body as JSON text. */
  payload: string;
  createdAt: Date;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastError: string | null;
  /** The relay working on it right now and until when (a lease); a dead relay's lease simply runs out. */
  claimedBy: string | null;
  claimedUntil: Date | null;
}

/** One hand-over the receiver has taken (the inbox): its presence is what makes a replay change nothing. */
export interface InboxRow {
  messageId: string;
  kind: string;
  caseNo: string;
  hop: number;
  receivedAt: Date;
}

/** An operator's decision on a FAILED message: put back in line or given up, by whom and why. Never deleted. */
export interface OutboxReviewRow {
  id: number;
  messageId: string;
  action: 'requeue' | 'abandon';
  byUsername: string;
  byName: string;
  reason: string;
  at: Date;
}

export const OUTBOX = 'HandoverOutbox';
export const INBOX = 'HandoverInbox';
export const OUTBOX_REVIEW = 'HandoverOutboxReview';

/**
 * Fresh EntitySchema objects on every call (several ORMs live in one process). Query them by name:
 * `em.find<OutboxRow>('HandoverOutbox', …)` — or use the constants OUTBOX and INBOX.
 */
export function handoverEntities(): EntitySchema<any>[] {
  return [
    new EntitySchema<OutboxRow>({
      name: OUTBOX,
      tableName: 'outbox',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        messageId: { type: 'string', length: 128, unique: true },
        target: { type: 'string', length: 64 },
        kind: { type: 'string', length: 32 },
        caseNo: { type: 'string', length: 64 },
        hop: { type: 'integer' },
        payload: { type: 'text' },
        createdAt: { type: 'datetime', length: 3 },
        status: { type: 'string', length: 16 },
        attempts: { type: 'integer' },
        nextAttemptAt: { type: 'datetime', length: 3 },
        deliveredAt: { type: 'datetime', length: 3, nullable: true },
        lastError: { type: 'text', nullable: true },
        claimedBy: { type: 'string', length: 64, nullable: true },
        claimedUntil: { type: 'datetime', length: 3, nullable: true },
      },
    }),
    new EntitySchema<InboxRow>({
      name: INBOX,
      tableName: 'inbox',
      properties: {
        messageId: { type: 'string', length: 128, primary: true },
        kind: { type: 'string', length: 32 },
        caseNo: { type: 'string', length: 64 },
        hop: { type: 'integer' },
        receivedAt: { type: 'datetime', length: 3 },
      },
    }),
    new EntitySchema<OutboxReviewRow>({
      name: OUTBOX_REVIEW,
      tableName: 'outbox_review',
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        messageId: { type: 'string', length: 128 },
        action: { type: 'string', length: 16 },
        byUsername: { type: 'string', length: 64 },
        byName: { type: 'string', length: 64 },
        reason: { type: 'text' },
        at: { type: 'datetime', length: 3 },
      },
    }),
  ];
}
