import type { EntityManager } from '@mikro-orm/knex';
import { requireHandoverReview, type Actor } from '@scf/auth';
import { DomainError, invalid } from '@scf/domain';
import { deliveryError, OUTBOX, reviewFailed, type OutboxReviewRow, type OutboxRow } from '@scf/handover';
import type { CaseRow, InboundRow } from './entities.js';
import { recordEvent } from './events.js';
import type { CasesHost } from './ports.js';
import type { CasesRequestContext } from './resolvers.js';

export const HANDOVER_EVENT_LABELS: Record<string, string> = {
  handoverRefused: '移交被拒收',
  handoverRequeued: '重新移交',
  handoverAbandoned: '放弃移交',
};

const REASON_MAX = 500;

/** The point that sent a message: the case's point here, whether taken in here or forwarded here. */
async function senderOf(em: EntityManager, row: OutboxRow): Promise<{ pointCode: string; own: CaseRow | null; inbound: InboundRow | null }> {
  // Read, not managed: the review's transaction flushes its history row and must not write these back.
  const own = await em.findOne<CaseRow>('CaseFile', { caseNo: row.caseNo }, { disableIdentityMap: true });
  if (own) return { pointCode: own.pointCode, own, inbound: null };
  const inbound = await em.findOne<InboundRow>('InboundCase', { caseNo: row.caseNo }, { disableIdentityMap: true });
  // Neither: a message of a case this level no longer holds a row of; the case number still names its line.
  return { pointCode: inbound?.pointCode ?? row.caseNo.split('-')[0]!, own: null, inbound };
}

/**
 * A director requeues or abandons a FAILED hand-over their point sent, saying why. Abandoning a forwarding
 * the receiver never took gives the case back to the sender (the origin: accepted again; a level between:
 * received again), so it can be forwarded once more or withdrawn; nothing else about the case changes.
 */
export async function reviewHandover(
  em: EntityManager,
  host: CasesHost,
  input: { messageId: string; reason: string },
  action: OutboxReviewRow['action'],
  actor: Actor | null,
  now: Date,
): Promise<OutboxRow> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) invalid('reason', '请写明原因 (a reason is required)');
  if (reason.length > REASON_MAX) invalid('reason', `原因最多 ${REASON_MAX} 个字，现有 ${reason.length} 个 (at most ${REASON_MAX} characters)`, { max: REASON_MAX, length: reason.length });
  const row = await em.findOne<OutboxRow>(OUTBOX, { messageId: input.messageId }, { disableIdentityMap: true });
  if (!row) throw new DomainError('NOT_FOUND', `本级没有编号为 ${input.messageId} 的移交消息 (no such hand-over sent from this ${host.names.label})`);
  const sender = await senderOf(em, row);
  const director = requireHandoverReview(actor, sender.pointCode, action === 'requeue' ? '重新移交这条消息' : '放弃这条移交');
  const notFailed = (status: string) =>
    new DomainError('HANDOVER_NOT_FAILED', `移交消息 ${row.messageId} 当前为 ${status}，只有被拒收（FAILED）的消息才能重新移交或放弃`, 'messageId', { status });
  if (row.status !== 'FAILED') throw notFailed(row.status);
  const staff = await host.findStaff(em, director.username);
  const by = { username: director.username, name: staff?.name ?? director.name };

  return em.transactional(async (tx) => {
    const t = tx as EntityManager;
    const after = await reviewFailed(t, row.messageId, action, by, reason, now);
    if (!after) throw notFailed((await t.findOneOrFail<OutboxRow>(OUTBOX, { id: row.id }, { disableIdentityMap: true })).status);
    const giveBack = action === 'abandon' && row.kind === 'FORWARD';
    if (sender.own) {
      const c = sender.own;
      const back = giveBack && c.status === 'FORWARDED' ? (c.acceptedOn ? 'ACCEPTED' : 'REGISTERED') : null;
      if (back) await t.nativeUpdate<CaseRow>('CaseFile', { id: c.id }, { status: back, version: c.version + 1, updatedAt: now });
      recordEvent(t, c, {
        action: action === 'requeue' ? 'handoverRequeued' : 'handoverAbandoned', fromStatus: c.status, toStatus: back ?? c.status, at: now,
        byUsername: by.username, byName: by.name, pointCode: director.pointCode, reason, note: row.messageId,
      });
    } else if (giveBack && sender.inbound?.status === 'FORWARDED') {
      await t.nativeUpdate<InboundRow>('InboundCase', { id: sender.inbound.id }, { status: 'RECEIVED', version: sender.inbound.version + 1, updatedAt: now });
    }
    await t.flush();
    return after;
  });
}

/** The `Handover` type's fields, from an outbox row. */
export const handoverTypeResolvers = {
  to: (r: OutboxRow) => r.target,
  lastError: (r: OutboxRow) => deliveryError(r.lastError)?.message ?? null,
  refusalCode: (r: OutboxRow) => (r.status === 'FAILED' || r.status === 'ABANDONED' ? deliveryError(r.lastError)?.code ?? null : null),
  createdAt: (r: OutboxRow) => asDate(r.createdAt).toISOString(),
  deliveredAt: (r: OutboxRow) => (r.deliveredAt ? asDate(r.deliveredAt).toISOString() : null),
  reviews: async (r: OutboxRow, _: unknown, ctx: CasesRequestContext) =>
    (await ctx.cases.reviewsByMessage.load(r.messageId)).map((v) => ({ action: v.action, by: v.byUsername, byName: v.byName, reason: v.reason, at: asDate(v.at).toISOString() })),
};

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** The latest message this level sent for a case, or null. */
export async function latestHandover(ctx: CasesRequestContext, caseNo: string): Promise<OutboxRow | null> {
  return (await ctx.cases.outboxByCase.load(caseNo)).at(-1) ?? null;
}
