import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
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
    inboundByNo: byKeyLoader<string, InboundRow>((nos) => em.find<InboundRow>('InboundCase', { caseNo: { $in: [...nos] } }), (c) => c.caseNo),
    hopsByCase: childrenLoader<string, HopRow>(
      (nos) => em.find<HopRow>('CaseHop', { caseNo: { $in: [...nos] } }, { orderBy: { id: 'asc' } }),
      (h) => h.caseNo,
    ),
    supervisionByPoint: childrenLoader<string, SupervisionRow>(
      (codes) => em.find<SupervisionRow>('SupervisionRecord', { pointCode: { $in: [...codes] } }, { orderBy: { id: 'desc' } }),
      (s) => s.pointCode,
    ),
  };
}

export type CaseLoaders = ReturnType<typeof caseLoaders>;
