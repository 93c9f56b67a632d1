import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import type { CaseEventRow, CaseMaterialRow, CaseRow, SupervisionRow } from './entities.js';

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
    supervisionByPoint: childrenLoader<string, SupervisionRow>(
      (codes) => em.find<SupervisionRow>('SupervisionRecord', { pointCode: { $in: [...codes] } }, { orderBy: { id: 'desc' } }),
      (s) => s.pointCode,
    ),
  };
}

export type CaseLoaders = ReturnType<typeof caseLoaders>;
