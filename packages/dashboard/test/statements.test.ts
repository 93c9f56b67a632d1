import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { addDays, WorkingCalendar } from '@scf/domain';
import { SqlCounter } from '@scf/kit';
import type { CaseRow, HopRow, InboundRow } from '@scf/cases';
import { levelFigures, type FiguresQuery } from '../src/index.js';
import { caseRow, hopRow, inboundRow, item, openTownshipLevel, type CaseSpec, type Item } from './support.js';

const TIMINGS = ['EARLY', 'ON_TIME', 'OVERDUE'] as const;
const EVALUATIONS = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', undefined];
const CHANNELS = ['WINDOW', 'ONLINE', 'APPOINTMENT'] as const;

/**
 * `points` township points of `county`, each with a finished case, an open one (red, yellow or green by its
 * deadline), a forwarded or a suspended one, and a case a village forwarded to it: every statement has rows.
 */
async function seedCounty(em: EntityManager, county: string, points: number, itemCount: number) {
  const items: Item[] = [];
  for (let k = 0; k < itemCount; k++) {
    items.push(await item(em, { countyCode: county, code: `${county}-IT-${String(k).padStart(2, '0')}`, name: `事项 ${k}`, kind: k % 4 === 0 ? 'IMMEDIATE' : 'PROMISED', decidingLevel: 'TOWNSHIP', decidingUnit: `单位 ${k % 10}`, promisedLimitDays: k % 4 === 0 ? 0 : 5 }));
  }
  const cases: Omit<CaseRow, 'id'>[] = [];
  const hops: Omit<HopRow, 'id'>[] = [];
  const inbounds: Omit<InboundRow, 'id'>[] = [];
  for (let i = 0; i < points; i++) {
    const point = `${county}${String(i).padStart(3, '0')}`;
    const it = items[i % itemCount]!;
    const day = addDays('2026-09-01', i % 20);
    const finished: CaseSpec = {
      point, item: it, registeredOn: day, acceptedOn: day, deadline: addDays(day, 7), decidedOn: addDays(day, 2),
      timing: TIMINGS[i % 3], evaluation: EVALUATIONS[i % 5], channel: CHANNELS[i % 3], status: 'DELIVERED',
    };
    const open: CaseSpec = { point, item: it, registeredOn: day, acceptedOn: day, deadline: addDays('2026-09-01', i % 28), status: 'ACCEPTED' };
    const away: CaseSpec = i % 10 === 0
      ? { point, item: it, registeredOn: day, acceptedOn: day, deadline: addDays(day, 3), suspendedOn: addDays(day, i % 20 === 0 ? 4 : 2), status: 'SUSPENDED' }
      : { point, item: it, registeredOn: day, acceptedOn: day, deadline: addDays(day, 10), status: 'FORWARDED', hop: 1 };
    cases.push(caseRow(finished), caseRow(open), caseRow(away));
    if (away.status === 'FORWARDED') hops.push(hopRow({ caseNo: cases.at(-1)!.caseNo, hop: 1, action: 'forward', from: point, to: county, at: `${day}T03:00:00Z` }));
    inbounds.push(inboundRow({ point, from: `${point}201`, item: it, receivedAt: `${day}T02:00:00Z` }));
  }
  for (let k = 0; k < cases.length; k += 200) await em.insertMany<CaseRow>('CaseFile', cases.slice(k, k + 200) as CaseRow[]);
  for (let k = 0; k < hops.length; k += 200) await em.insertMany<HopRow>('CaseHop', hops.slice(k, k + 200) as HopRow[]);
  for (let k = 0; k < inbounds.length; k += 200) await em.insertMany<InboundRow>('InboundCase', inbounds.slice(k, k + 200) as InboundRow[]);
}

describe('the statements levelFigures sends', () => {
  const sql = new SqlCounter();
  let orm: MikroORM;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ orm, cleanup } = await openTownshipLevel({ sqlCounter: sql }));
    const em = orm.em.fork() as EntityManager;
    await seedCounty(em, '140925', 3, 3);
    await seedCounty(em, '140928', 1000, 40);
  });

  afterAll(async () => {
    await cleanup?.();
  });

  const calendar = new WorkingCalendar();
  async function measure(q: Partial<FiguresQuery>) {
    sql.reset();
    const figures = await levelFigures(orm.em.fork(), { countyCode: '140925', from: '2026-09-01', to: '2026-09-30', today: '2026-09-24', calendar, ...q });
    return { figures, count: sql.count, statements: [...sql.statements] };
  }

  it('are the same eight for 3 points as for 1,000, and for one day as for a year', async () => {
    const three = await measure({ countyCode: '140925' });
    const thousand = await measure({ countyCode: '140928' });
    // They did look at everything: 1,000 points, 40 items, 10 units, red and yellow cases, suspended ones.
    expect(three.figures.byPoint).toHaveLength(3);
    expect(thousand.figures.byPoint).toHaveLength(1000);
    expect(thousand.figures.byItem).toHaveLength(40);
    expect(thousand.figures.byUnit).toHaveLength(10);
    expect(thousand.figures.total).toMatchObject({ received: 3000, accepted: 3000, finished: 1000, forwardedOut: 900, delegatedIn: 1000 });
    expect(thousand.figures.openAlerts.red).toBeGreaterThan(200);
    expect(thousand.figures.openAlerts.cases).toHaveLength(200);
    expect(thousand.figures.openAlerts.cases.some((a) => a.status === 'SUSPENDED')).toBe(true);

    expect(three.count).toBe(8);
    expect(thousand.count).toBe(three.count);
    expect(thousand.statements).toEqual(three.statements); // the same text; only the bound values differ

    const oneDay = await measure({ countyCode: '140928', from: '2026-09-24', to: '2026-09-24' });
    const wholeYear = await measure({ countyCode: '140928', from: '2026-01-01', to: '2026-12-31' });
    expect(oneDay.figures.daily).toHaveLength(1);
    expect(wholeYear.figures.daily).toHaveLength(365);
    expect([oneDay.count, wholeYear.count]).toEqual([8, 8]);
  });
});
