import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import type { ServiceItemRow } from '@scf/catalogue';
import { OUTBOX, reviewsOf, type OutboxReviewRow, type OutboxRow } from '@scf/handover';
import type { CaseEventRow, CaseMaterialRow, CaseRow, HopRow, InboundRow, SupervisionRow } from './entities.js';

export function caseLoaders(em: EntityManager) {
  return {
    caseByNo: byKeyLoader<string, CaseRow>((nos) => em.find<CaseRow>('CaseFile', { caseNo: { $in: [...nos] } }), (c) => c.caseNo),
    materialsByCase: childrenLoader<number, CaseMaterialRow>(
      (ids) => em.find<CaseMaterialRow>('CaseMaterial', { caseId: { $in: [...ids] } }, { orderBy: { caseId: 'asc', position: 'asc' } }),
      (m) => m.caseId,
    ),
    eventsByCase: childrenLoader<number, CaseEventRow>(
      (ids) => em.find<CaseEventRow>('CaseEvent', { caseId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (e) => e.caseId,
    ),
    supervisionByCase: childrenLoader<number, SupervisionRow>(
      (ids) => em.find<SupervisionRow>('SupervisionRecord', { caseId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (s) => s.caseId,
    ),
    /** Catalogue items from this level's copy of the catalogue (the master at the county, a replica below). */
    itemById: byKeyLoader<number, ServiceItemRow>((ids) => em.find<ServiceItemRow>('ServiceItem', { id: { $in: [...ids] } }), (i) => i.id),
    inboundByNo: byKeyLoader<string, InboundRow>((nos) => em.find<InboundRow>('InboundCase', { caseNo: { $in: [...nos] } }), (c) => c.caseNo),
    hopsByCase: childrenLoader<string, HopRow>(
      (nos) => em.find<HopRow>('CaseHop', { caseNo: { $in: [...nos] } }, { orderBy: { id: 'asc' } }),
      (h) => h.caseNo,
    ),
    awayByPoint: childrenLoader<string, CaseRow>(
      (codes) => em.find<CaseRow>('CaseFile', { pointCode: { $in: [...codes] }, status: 'FORWARDED' }, { orderBy: { id: 'asc' } }),
      (c) => c.pointCode,
    ),
    /** Forwarded cases waiting at each point, keyed by "point|status,status" so one query serves each filter. */
    inboundByPoint: childrenLoader<string, InboundRow & { loaderKey: string }>(
      async (keys) => {
        const byStatuses = new Map<string, string[]>();
        for (const k of keys) {
          const [code, statuses] = k.split('|') as [string, string];
          byStatuses.set(statuses, [...(byStatuses.get(statuses) ?? []), code]);
        }
        const groups = await Promise.all(
          [...byStatuses].map(async ([statuses, codes]) =>
            (await em.find<InboundRow>('InboundCase', { pointCode: { $in: codes }, status: { $in: statuses.split(',') as InboundRow['status'][] } }, { orderBy: { id: 'asc' } }))
              .map((r) => Object.assign(r, { loaderKey: `${r.pointCode}|${statuses}` })),
          ),
        );
        return groups.flat();
      },
      (r) => r.loaderKey,
    ),
    /** What this level sent for each case, oldest first (the last is the one a case's `handover` shows). */
    outboxByCase: childrenLoader<string, OutboxRow>(
      (nos) => em.find<OutboxRow>(OUTBOX, { caseNo: { $in: [...nos] } }, { orderBy: { id: 'asc' } }),
      (o) => o.caseNo,
    ),
    /**
     * FAILED messages each point sent. A case only travels along its own line of points, so what a point
     * sent is exactly what this level sent for case numbers that start with the point's code.
     */
    failedByPoint: childrenLoader<string, OutboxRow & { pointKey: string }>(
      async (codes) => {
        const rows = await em.find<OutboxRow>(OUTBOX, { status: 'FAILED', $or: codes.map((c) => ({ caseNo: { $like: `${c}%` } })) }, { orderBy: { id: 'asc' } });
        return rows.flatMap((r) => codes.filter((c) => r.caseNo.startsWith(c)).map((c) => ({ ...r, pointKey: c })));
      },
      (r) => r.pointKey,
    ),
    reviewsByMessage: childrenLoader<string, OutboxReviewRow>((ids) => reviewsOf(em, ids), (r) => r.messageId),
    supervisionByPoint: childrenLoader<string, SupervisionRow>(
      (codes) => em.find<SupervisionRow>('SupervisionRecord', { pointCode: { $in: [...codes] } }, { orderBy: { id: 'desc' } }),
      (s) => s.pointCode,
    ),
  };
}

export type CaseLoaders = ReturnType<typeof caseLoaders>;
