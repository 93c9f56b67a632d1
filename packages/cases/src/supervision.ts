import type { EntityManager } from '@mikro-orm/knex';
import { compareDates } from '@scf/domain';
import type { CaseRow, SupervisionRow } from './entities.js';

const OPEN_WITH_CLOCK = ['ACCEPTED', 'FORWARDED'];

/**
 * 超时默认 (R15): every open case past its deadline raises one supervision record against its unit, worth
 * 5 points. Idempotent — a unique (case, kind) key means running it again raises nothing new.
 */
export async function raiseOverdueSupervision(em: EntityManager, today: string): Promise<number> {
  const overdue = await em.find<CaseRow>('CaseFile', { status: { $in: OPEN_WITH_CLOCK }, deadline: { $lt: today } });
  if (overdue.length === 0) return 0;
  const already = new Set(
    (await em.find<SupervisionRow>('SupervisionRecord', { caseId: { $in: overdue.map((c) => c.id) }, kind: 'OVERDUE' })).map((s) => s.caseId),
  );
  let raised = 0;
  for (const c of overdue) {
    if (already.has(c.id) || compareDates(c.deadline!, today) >= 0) continue;
    em.create<SupervisionRow>('SupervisionRecord', {
      caseId: c.id, caseNo: c.caseNo, pointCode: c.pointCode, unit: c.decidingUnit, kind: 'OVERDUE', points: 5,
      raisedOn: today, detail: `${c.itemName} 承诺时限至 ${c.deadline}，已超期`, resolvedOn: null,
    } as SupervisionRow);
    raised++;
  }
  await em.flush();
  return raised;
}
