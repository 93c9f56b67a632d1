import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { WorkingCalendar } from '@scf/domain';
import { emptyCounts, levelFigures, rates, type Counts, type FiguresQuery } from '../src/index.js';
import { caseFile, hop, inbound, item, openTownshipLevel, type Item } from './support.js';

/**
 * A township database with a hand-made month: September 2026, looked at on Thursday 24 September.
 *
 * The calendar that month: Fri 25 Sep is the Mid-Autumn holiday (with the weekend 26–27), Sun 20 Sep is worked
 * (调休 for National Day), 1–7 October is National Day and Sat 10 Oct is worked. So on Thu 24 Sep:
 * - working days 1–24 Sep: 1–4 (4) + 7–11 (5) + 14–18 (5) + Sun 20 (1) + 21–24 (4) = 19;
 * - RED: deadline ≤ 23 Sep; YELLOW: 24 Sep (0 working days left), 25–27 (holiday/weekend: still 0), 28 Sep (1);
 *   GREEN from 29 Sep (2 working days: 28, 29).
 *
 * Three township points of county 140925 and one of county 140926 (same database, must never show).
 */
const P1 = '140925100';
const P2 = '140925101';
const P3 = '140925102';
const OTHER_COUNTY = '140926100';

const calendar = new WorkingCalendar();
const september: FiguresQuery = { countyCode: '140925', from: '2026-09-01', to: '2026-09-30', today: '2026-09-24', calendar };

function counts(c: Partial<Counts>): Counts {
  return { ...emptyCounts(), ...c };
}

describe('levelFigures on a township database', () => {
  let orm: MikroORM;
  let cleanup: () => Promise<void>;
  const made: Record<string, { caseNo: string }> = {};

  beforeAll(async () => {
    ({ orm, cleanup } = await openTownshipLevel());
    const em = orm.em.fork() as EntityManager;
    const items: Record<'hunyu' | 'guangrong' | 'dibao' | 'yanglao' | 'liuzhuan' | 'yanhua', Item> = {
      hunyu: await item(em, { code: 'TS-JS-02', name: '流动人口婚育证明', kind: 'IMMEDIATE', decidingLevel: 'TOWNSHIP', decidingUnit: '计生办', promisedLimitDays: 0 }),
      guangrong: await item(em, { code: 'TS-JS-06', name: '独生子女父母光荣证', kind: 'IMMEDIATE', decidingLevel: 'TOWNSHIP', decidingUnit: '计生办', promisedLimitDays: 0 }),
      dibao: await item(em, { code: 'TS-MZ-01', name: '最低生活保障申请', kind: 'PROMISED', decidingLevel: 'TOWNSHIP', decidingUnit: '民政办', promisedLimitDays: 5 }),
      yanglao: await item(em, { code: 'TS-SB-03', name: '城乡居民养老保险参保登记', kind: 'PROMISED', decidingLevel: 'TOWNSHIP', decidingUnit: '社保所', promisedLimitDays: 5 }),
      liuzhuan: await item(em, { code: 'TS-TD-04', name: '农村土地承包经营权流转备案', kind: 'JOINT', decidingLevel: 'TOWNSHIP', decidingUnit: '农经站', promisedLimitDays: 8 }),
      yanhua: await item(em, { code: 'CT-YJ-05', name: '烟花爆竹零售经营许可', kind: 'PROMISED', decidingLevel: 'COUNTY', decidingUnit: '县应急管理局', promisedLimitDays: 10 }),
    };
    const { hunyu, guangrong, dibao, yanglao, liuzhuan, yanhua } = items;
    const c = async (name: string, spec: Parameters<typeof caseFile>[1]) => (made[name] = await caseFile(em, spec));

    // P1: two 即办件 done on the spot, three promised cases finished (early, on the day, late), one open and red,
    // one waiting to be accepted, and one finished in September but taken in in August.
    await c('c1', { point: P1, item: hunyu, registeredOn: '2026-09-01', acceptedOn: '2026-09-01', deadline: '2026-09-01', decidedOn: '2026-09-01', timing: 'ON_TIME', status: 'EVALUATED', evaluation: 'VERY_SATISFIED' });
    await c('c2', { point: P1, item: hunyu, channel: 'ONLINE', registeredOn: '2026-09-02', acceptedOn: '2026-09-02', deadline: '2026-09-02', decidedOn: '2026-09-02', timing: 'ON_TIME', status: 'EVALUATED', evaluation: 'SATISFIED' });
    await c('c3', { point: P1, item: dibao, registeredOn: '2026-08-28', acceptedOn: '2026-08-28', deadline: '2026-09-04', decidedOn: '2026-09-03', timing: 'EARLY', status: 'EVALUATED', evaluation: 'BASICALLY_SATISFIED' });
    await c('c4', { point: P1, item: dibao, channel: 'ONLINE', registeredOn: '2026-09-07', acceptedOn: '2026-09-07', deadline: '2026-09-14', decidedOn: '2026-09-14', timing: 'ON_TIME', status: 'DELIVERED' });
    await c('c5', { point: P1, item: yanglao, channel: 'APPOINTMENT', registeredOn: '2026-09-08', acceptedOn: '2026-09-08', deadline: '2026-09-15', decidedOn: '2026-09-17', timing: 'OVERDUE', status: 'EVALUATED', evaluation: 'DISSATISFIED' });
    await c('c6', { point: P1, item: yanglao, registeredOn: '2026-09-10', acceptedOn: '2026-09-10', deadline: '2026-09-17', status: 'ACCEPTED' });
    await c('c16', { point: P1, item: dibao, registeredOn: '2026-09-23', status: 'REGISTERED' });

    // P2: open cases yellow (deadline today; one working day left) and green, one forwarded to the county twice
    // (returned in between), one red from August, an August case entirely outside the period, a 即办件 today.
    await c('c7', { point: P2, item: dibao, registeredOn: '2026-09-18', acceptedOn: '2026-09-18', deadline: '2026-09-24', status: 'ACCEPTED' });
    await c('c8', { point: P2, item: liuzhuan, channel: 'ONLINE', registeredOn: '2026-09-16', acceptedOn: '2026-09-16', deadline: '2026-09-28', status: 'ACCEPTED' });
    await c('c9', { point: P2, item: liuzhuan, registeredOn: '2026-09-17', acceptedOn: '2026-09-17', deadline: '2026-09-29', status: 'ACCEPTED' });
    await c('c10', { point: P2, item: yanhua, registeredOn: '2026-09-18', acceptedOn: '2026-09-18', deadline: '2026-10-09', status: 'FORWARDED', hop: 3 });
    await hop(em, { caseNo: made.c10!.caseNo, hop: 1, action: 'forward', from: P2, to: '140925', at: '2026-09-18T03:00:00Z' });
    await hop(em, { caseNo: made.c10!.caseNo, hop: 3, action: 'forward', from: P2, to: '140925', at: '2026-09-21T02:00:00Z' });
    await c('c17', { point: P2, item: dibao, registeredOn: '2026-08-31', acceptedOn: '2026-08-31', deadline: '2026-09-07', status: 'ACCEPTED' });
    await c('c18', { point: P2, item: dibao, registeredOn: '2026-08-20', acceptedOn: '2026-08-20', deadline: '2026-08-27', decidedOn: '2026-08-26', timing: 'EARLY', status: 'CLOSED' });
    await c('c23', { point: P2, item: guangrong, channel: 'ONLINE', registeredOn: '2026-09-24', acceptedOn: '2026-09-24', deadline: '2026-09-24', decidedOn: '2026-09-24', timing: 'ON_TIME', status: 'DELIVERED' });

    // P3: a county case forwarded at 23:59:59.999 China time on 31 Aug and decided by the county in September;
    // one forwarded at 00:30 China time on 1 Sep (still 31 Aug in UTC) and now red; one forwarded before
    // acceptance (no deadline, no light); two in special procedures — one began a day before its deadline
    // (frozen yellow), one after it (frozen red); one not accepted, one 即办件 withdrawn.
    await c('c11', { point: P3, item: yanhua, registeredOn: '2026-08-31', acceptedOn: '2026-08-31', deadline: '2026-09-14', decidedOn: '2026-09-11', timing: 'EARLY', status: 'EVALUATED', evaluation: 'VERY_DISSATISFIED', hop: 1 });
    await hop(em, { caseNo: made.c11!.caseNo, hop: 1, action: 'forward', from: P3, to: '140925', at: '2026-08-31T15:59:59.999Z' });
    await c('c19', { point: P3, item: yanhua, channel: 'ONLINE', registeredOn: '2026-08-31', acceptedOn: '2026-08-31', deadline: '2026-09-14', status: 'FORWARDED', hop: 1 });
    await hop(em, { caseNo: made.c19!.caseNo, hop: 1, action: 'forward', from: P3, to: '140925', at: '2026-08-31T16:30:00Z' });
    await c('c20', { point: P3, item: yanhua, registeredOn: '2026-09-22', status: 'FORWARDED', hop: 1 });
    await hop(em, { caseNo: made.c20!.caseNo, hop: 1, action: 'forward', from: P3, to: '140925', at: '2026-09-22T01:30:00Z' });
    await c('c12', { point: P3, item: yanglao, registeredOn: '2026-09-03', acceptedOn: '2026-09-03', deadline: '2026-09-10', suspendedOn: '2026-09-09', status: 'SUSPENDED' });
    await c('c13', { point: P3, item: dibao, registeredOn: '2026-09-01', acceptedOn: '2026-09-01', deadline: '2026-09-08', suspendedOn: '2026-09-11', status: 'SUSPENDED' });
    await c('c14', { point: P3, item: dibao, registeredOn: '2026-09-21', status: 'NOT_ACCEPTED' });
    await c('c15', { point: P3, item: hunyu, registeredOn: '2026-09-22', status: 'WITHDRAWN' });

    // Another county's point in the same database: red, received in September, forwarded, delegated to.
    await c('c22', { point: OTHER_COUNTY, item: dibao, registeredOn: '2026-09-05', acceptedOn: '2026-09-05', deadline: '2026-09-11', status: 'ACCEPTED' });
    await hop(em, { caseNo: made.c22!.caseNo, hop: 1, action: 'forward', from: OTHER_COUNTY, to: '140926', at: '2026-09-06T02:00:00Z' });
    await inbound(em, { point: OTHER_COUNTY, from: '140926100201', item: dibao, receivedAt: '2026-09-10T02:00:00Z' });

    // Cases villages forwarded to these townships: in the period by China day, or not.
    await inbound(em, { point: P1, from: '140925100201', item: dibao, receivedAt: '2026-09-10T02:00:00Z' });
    await inbound(em, { point: P1, from: '140925100202', item: yanglao, receivedAt: '2026-08-31T16:10:00Z' }); // 1 Sep 00:10 China
    await inbound(em, { point: P2, from: '140925101201', item: dibao, receivedAt: '2026-08-31T15:50:00Z' }); // 31 Aug 23:50 China
    const onwards = await inbound(em, { point: P2, from: '140925101203', item: yanhua, receivedAt: '2026-09-15T03:00:00Z', status: 'FORWARDED' });
    // P2 sent that village case on to the county: a forward from P2, but not of a P2 case — not its forwardedOut.
    await hop(em, { caseNo: onwards.caseNo, hop: 2, action: 'forward', from: P2, to: '140925', at: '2026-09-16T02:00:00Z' });
  });

  afterAll(async () => {
    await cleanup?.();
  });

  const figures = (q: Partial<FiguresQuery> = {}) => levelFigures(orm.em.fork(), { ...september, ...q });

  it('counts each point by hand', async () => {
    const f = await figures();
    expect(f.byPoint.map((p) => p.pointCode)).toEqual([P1, P2, P3]);
    expect(f.byPoint[0]).toEqual({
      pointCode: P1,
      ...counts({
        received: 6, //           c1 c2 c4 c5 c6 c16 (c3 came in on 28 Aug)
        accepted: 5, //           c1 c2 c4 c5 c6
        finished: 5, //           c1 c2 c3 c4 c5
        immediate: 2, //          c1 c2
        promisedFinished: 3, //   c3 c4 c5 (c1 c2 are 即办件 — on time by construction, left out)
        onTime: 2, //             c3 (early) + c4 (on the day)
        early: 1, //              c3
        overdueFinished: 1, //    c5
        overdueNow: 1, //         c6: deadline 17 Sep < 24 Sep
        evaluated: 4, //          c1 c2 c3 c5 (c4 not evaluated)
        satisfied: 3, //          c1 非常满意, c2 满意, c3 基本满意 (c5 不满意)
        online: 2, //             c2 c4 (c5 APPOINTMENT is not online)
        forwardedOut: 0,
        delegatedIn: 2, //        from villages 10 Sep, and 1 Sep 00:10 China (31 Aug in UTC)
      }),
    });
    expect(f.byPoint[1]).toEqual({
      pointCode: P2,
      ...counts({
        received: 5, //           c7 c8 c9 c10 c23 (c17 on 31 Aug, c18 on 20 Aug)
        accepted: 5, //           the same five
        finished: 1, //           c23 (c18 decided 26 Aug)
        immediate: 1, //          c23
        promisedFinished: 0, //   c23 is 即办
        overdueNow: 1, //         c17: deadline 7 Sep
        online: 2, //             c8 c23
        forwardedOut: 1, //       c10, forwarded twice (returned in between): one case
        delegatedIn: 1, //        the village case received 15 Sep (the one of 31 Aug 23:50 China is August's)
      }),
    });
    expect(f.byPoint[2]).toEqual({
      pointCode: P3,
      ...counts({
        received: 5, //           c12 c13 c14 c15 c20 (c11 c19 on 31 Aug)
        accepted: 2, //           c12 c13
        finished: 1, //           c11, decided by the county on 11 Sep
        immediate: 1, //          c15 (withdrawn, but received as a 即办件)
        promisedFinished: 1, //   c11
        onTime: 1, //             c11 early
        early: 1,
        overdueNow: 2, //         c19 forwarded, clock running, deadline 14 Sep; c13 suspended on 11 Sep after its 8 Sep deadline
        evaluated: 1, //          c11
        satisfied: 0, //          c11 非常不满意
        forwardedOut: 2, //       c19 (1 Sep 00:30 China) c20 (22 Sep); c11 left on 31 Aug 23:59:59.999 China
      }),
    });
  });

  it('adds the points up to the level, and the rates follow from the counts', async () => {
    const f = await figures();
    const total = counts({
      received: 16, //        6 + 5 + 5
      accepted: 12, //        5 + 5 + 2
      finished: 7, //         5 + 1 + 1
      immediate: 4, //        2 + 1 + 1
      promisedFinished: 4, // 3 + 0 + 1
      onTime: 3, //           2 + 0 + 1
      early: 2, //            1 + 0 + 1
      overdueFinished: 1, //  1 + 0 + 0
      overdueNow: 4, //       1 + 1 + 2
      evaluated: 5, //        4 + 0 + 1
      satisfied: 3, //        3 + 0 + 0
      online: 4, //           2 + 2 + 0
      forwardedOut: 3, //     0 + 1 + 2
      delegatedIn: 3, //      2 + 1 + 0
    });
    expect(f.total).toEqual(total);
    expect(f.workingDays).toBe(19); // 1–24 Sep: the period so far, with Sun 20 Sep worked
    expect(rates(f.total, f.workingDays)).toEqual({
      immediateRate: 4 / 16,
      onTimeRate: 3 / 4,
      earlyRate: 2 / 4,
      dailyAverage: 16 / 19,
      participation: 5 / 7,
      satisfaction: 3 / 5,
      onlineShare: 4 / 16,
    });
    // P2 finished nothing promised and has no evaluation: those rates are unknown, not 0%.
    expect(rates(f.byPoint[1]!, f.workingDays)).toMatchObject({ onTimeRate: null, earlyRate: null, satisfaction: null, participation: 0 / 1 });
    // Every breakdown adds up to the same total.
    for (const rows of [f.byPoint, f.byItem, f.byUnit]) {
      const sum = emptyCounts();
      for (const r of rows) for (const k of Object.keys(sum) as (keyof Counts)[]) sum[k] += r[k];
      expect(sum).toEqual(total);
    }
  });

  it('counts each item and each deciding unit by hand', async () => {
    const f = await figures();
    const hunyu = counts({ received: 3, accepted: 2, finished: 2, immediate: 3, evaluated: 2, satisfied: 2, online: 1 }); // c1 c2 c15
    const guangrong = counts({ received: 1, accepted: 1, finished: 1, immediate: 1, online: 1 }); // c23
    expect(f.byItem).toEqual([
      // c10 c11 c19 c20 and the village case P2 sent on: received c10 c20; accepted c10; finished c11 (early,
      // 非常不满意); red c19; forwarded c10 c19 c20; delegated in: the village case.
      { itemCode: 'CT-YJ-05', itemName: '烟花爆竹零售经营许可', ...counts({ received: 2, accepted: 1, finished: 1, promisedFinished: 1, onTime: 1, early: 1, overdueNow: 1, evaluated: 1, forwardedOut: 3, delegatedIn: 1 }) },
      { itemCode: 'TS-JS-02', itemName: '流动人口婚育证明', ...hunyu },
      { itemCode: 'TS-JS-06', itemName: '独生子女父母光荣证', ...guangrong },
      // c3 c4 c16 c7 c17 c18 c13 c14: received c4 c16 c7 c13 c14; accepted c4 c7 c13; finished c3 (early) c4
      // (on the day); red c17 c13; evaluated c3 基本满意; online c4; delegated in: P1's of 10 Sep.
      { itemCode: 'TS-MZ-01', itemName: '最低生活保障申请', ...counts({ received: 5, accepted: 3, finished: 2, promisedFinished: 2, onTime: 2, early: 1, overdueNow: 2, evaluated: 1, satisfied: 1, online: 1, delegatedIn: 1 }) },
      // c5 c6 c12: all three received and accepted; finished c5 late and 不满意; red c6; delegated in: P1's of 1 Sep.
      { itemCode: 'TS-SB-03', itemName: '城乡居民养老保险参保登记', ...counts({ received: 3, accepted: 3, finished: 1, promisedFinished: 1, overdueFinished: 1, overdueNow: 1, evaluated: 1, delegatedIn: 1 }) },
      // c8 c9: received, accepted, c8 online; yellow and green are not overdue.
      { itemCode: 'TS-TD-04', itemName: '农村土地承包经营权流转备案', ...counts({ received: 2, accepted: 2, online: 1 }) },
    ]);
    const unit = (decidingUnit: string) => f.byUnit.find((u) => u.decidingUnit === decidingUnit);
    expect(f.byUnit.map((u) => u.decidingUnit).sort()).toEqual(['农经站', '县应急管理局', '民政办', '社保所', '计生办'].sort());
    // 计生办 decides both 即办 items: 3 + 1 received, 2 + 1 accepted and finished, 2 + 0 evaluated, 1 + 1 online.
    expect(unit('计生办')).toEqual({ decidingUnit: '计生办', ...counts({ received: 4, accepted: 3, finished: 3, immediate: 4, evaluated: 2, satisfied: 2, online: 2 }) });
    // 县应急管理局 decides one item here, so its row is that item's.
    const { itemCode: _code, itemName: _name, ...yanhua } = f.byItem[0]!;
    expect(unit('县应急管理局')).toEqual({ decidingUnit: '县应急管理局', ...yanhua });
  });

  it('lists every day of the period with what came in and what was finished', async () => {
    const f = await figures();
    expect(f.daily).toHaveLength(30);
    expect(f.daily[0]).toEqual({ date: '2026-09-01', received: 2, finished: 1 }); // c1 c13 in; c1 done
    expect(f.daily.at(-1)).toEqual({ date: '2026-09-30', received: 0, finished: 0 });
    const busy = Object.fromEntries(f.daily.filter((d) => d.received || d.finished).map((d) => [d.date.slice(5), [d.received, d.finished]]));
    expect(busy).toEqual({
      '09-01': [2, 1], // c1 c13 | c1
      '09-02': [1, 1], // c2 | c2
      '09-03': [1, 1], // c12 | c3
      '09-07': [1, 0], // c4
      '09-08': [1, 0], // c5
      '09-10': [1, 0], // c6
      '09-11': [0, 1], // | c11
      '09-14': [0, 1], // | c4
      '09-16': [1, 0], // c8
      '09-17': [1, 1], // c9 | c5
      '09-18': [2, 0], // c7 c10
      '09-21': [1, 0], // c14
      '09-22': [2, 0], // c15 c20
      '09-23': [1, 0], // c16
      '09-24': [1, 1], // c23 | c23
    });
    expect(f.daily.reduce((n, d) => n + d.received, 0)).toBe(f.total.received);
    expect(f.daily.reduce((n, d) => n + d.finished, 0)).toBe(f.total.finished);
  });

  it('lists the red and yellow cases, red first then by deadline, and a cap hides no number', async () => {
    const f = await figures();
    const no = (name: string) => made[name]!.caseNo;
    expect(f.openAlerts.red).toBe(4); //    c17 c13 c19 c6
    expect(f.openAlerts.yellow).toBe(3); // c12 (frozen on 9 Sep, 1 working day left then), c7 (today), c8 (Mon 28 Sep: 1 working day)
    expect(f.openAlerts.cases.map((a) => [a.caseNo, a.light, a.deadline, a.status])).toEqual([
      [no('c17'), 'RED', '2026-09-07', 'ACCEPTED'],
      [no('c13'), 'RED', '2026-09-08', 'SUSPENDED'],
      [no('c19'), 'RED', '2026-09-14', 'FORWARDED'],
      [no('c6'), 'RED', '2026-09-17', 'ACCEPTED'],
      [no('c12'), 'YELLOW', '2026-09-10', 'SUSPENDED'],
      [no('c7'), 'YELLOW', '2026-09-24', 'ACCEPTED'],
      [no('c8'), 'YELLOW', '2026-09-28', 'ACCEPTED'],
    ]); // c9 (29 Sep) and c10 (9 Oct) are green; c20 has no deadline; c22 is another county's
    expect(f.openAlerts.cases[0]).toEqual({ caseNo: no('c17'), pointCode: P2, itemName: '最低生活保障申请', decidingUnit: '民政办', status: 'ACCEPTED', deadline: '2026-09-07', light: 'RED' });

    const capped = await figures({ alertLimit: 2 });
    expect(capped.openAlerts).toEqual({ red: 4, yellow: 3, cases: f.openAlerts.cases.slice(0, 2) });
    // The period does not matter to what is late now.
    const july = await figures({ from: '2026-07-01', to: '2026-07-31' });
    expect(july.openAlerts).toEqual(f.openAlerts);
    expect(july.total).toEqual(counts({ overdueNow: 4 }));
    // On Friday 18 Sep c7 (24 Sep) was green: Sun 20, 21, 22, 23, 24 are five working days away; c6 (17 Sep) was red.
    const earlier = await figures({ today: '2026-09-18' });
    expect(earlier.openAlerts.cases.find((a) => a.caseNo === no('c7'))).toBeUndefined();
    expect(earlier.openAlerts.cases.find((a) => a.caseNo === no('c6'))).toMatchObject({ light: 'RED' });
  });

  it('narrows to one township with pointPrefix, and never shows another county in the same database', async () => {
    const p3 = await figures({ pointPrefix: P3 });
    const all = await figures();
    expect(p3.byPoint).toEqual([all.byPoint[2]]);
    const { pointCode: _p3, ...p3Counts } = all.byPoint[2]!;
    expect(p3.total).toEqual(p3Counts);
    expect(p3.openAlerts).toMatchObject({ red: 2, yellow: 1 }); // c13 c19 | c12
    const everyCase = [...all.openAlerts.cases.map((a) => a.pointCode), ...all.byPoint.map((p) => p.pointCode)];
    expect(everyCase.some((code) => code.startsWith('140926'))).toBe(false);
    const other = await figures({ countyCode: '140926' });
    expect(other.total).toEqual(counts({ received: 1, accepted: 1, overdueNow: 1, forwardedOut: 1, delegatedIn: 1 })); // c22 and its village case
  });

  it('refuses a query that makes no sense, naming the field', async () => {
    await expect(figures({ countyCode: '14092' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'countyCode' });
    await expect(figures({ pointPrefix: '140926100' })).rejects.toMatchObject({ field: 'pointPrefix' });
    await expect(figures({ pointPrefix: '1409251%' })).rejects.toMatchObject({ field: 'pointPrefix' });
    await expect(figures({ from: '2026-09-30', to: '2026-09-01' })).rejects.toMatchObject({ field: 'to' });
    await expect(figures({ from: '2025-01-01', to: '2026-09-30' })).rejects.toMatchObject({ field: 'to' });
    await expect(figures({ today: '2026-02-30' })).rejects.toMatchObject({ field: 'today' });
    await expect(figures({ alertLimit: -1 })).rejects.toMatchObject({ field: 'alertLimit' });
  });

  it('refuses a period outside 2000–2099 naming from or to, not a date it worked out on the way', async () => {
    await expect(figures({ from: '9999-01-01', to: '9999-12-31' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
    await expect(figures({ from: '2099-06-01', to: '2100-01-31' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'to' });
    await expect(figures({ from: '1999-12-31', to: '2000-01-31' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
  });
});
