import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/**
 * A window is never empty (R24 AB岗, R30): for every window of a point, whether its A or B holder is at it in
 * the session under way — from their punches, through the gateway, on Monday 2 November 2026.
 */
const NINGWU = '140925';
const DIRECTOR = `${NINGWU}.director`;
const NOW = `query ($p: ID!) { windowsNow(pointCode: $p) { pointCode pointName working session uncovered
  windows { id name unit covered holders { username name post present } } } }`;

/** 2 November 2026 at a China wall-clock time, as an instant. */
const at = (time: string) => new Date(Date.parse(`2026-11-02T${time}:00+08:00`)).toISOString();

describe('which windows have someone at them now', () => {
  let fed: TestFederation;
  const now = async (pointCode = NINGWU, as = DIRECTOR) => {
    const r = await fed.as(as).query(NOW, { p: pointCode });
    expect(r.errors).toBeUndefined();
    return r.data.windowsNow;
  };
  const punchAt = async (username: string, time: string) => {
    fed.setNow(at(time));
    const r = await fed.as(username).query('mutation { punch { kind } }');
    expect(r.errors).toBeUndefined();
  };

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(NINGWU);
    await fed.seed('140927');
  });
  afterAll(() => fed?.close());

  it('shows every hall window uncovered in the morning before anyone punched, and covered once its A or B holder has', async () => {
    fed.setNow(at('09:30'));
    const before = await now();
    expect(before).toMatchObject({ pointCode: NINGWU, pointName: '宁武县政务服务中心', working: true, session: 'MORNING' });
    expect(before.windows.length).toBeGreaterThan(5);
    expect(before.uncovered).toBe(before.windows.length);

    const window = before.windows.find((w: any) => w.holders.length === 2)!;
    const [a, b] = window.holders;
    await punchAt(b.username, '08:25');
    fed.setNow(at('09:30'));
    const after = await now();
    const mine = after.windows.find((w: any) => w.id === window.id);
    expect(mine.covered).toBe(true);
    expect(mine.holders).toEqual([
      { ...a, present: false },
      { ...b, present: true },
    ]);
    expect(after.uncovered).toBe(before.uncovered - 1);
  });

  it('shows a window empty again once its holder has punched out, and nothing uncovered at lunch', async () => {
    const first = (await now()).windows.find((w: any) => w.covered && w.holders.some((h: any) => h.present));
    const holder = first.holders.find((h: any) => h.present).username;
    await punchAt(holder, '11:50');
    fed.setNow(at('11:55'));
    expect((await now()).windows.find((w: any) => w.id === first.id).covered).toBe(false);
    fed.setNow(at('12:30'));
    expect(await now()).toMatchObject({ session: null, uncovered: 0 });
  });

  it('expects nobody on a rest day', async () => {
    fed.setNow('2026-11-07T02:00:00Z'); // Saturday 7 November, 10:00 in China
    expect(await now()).toMatchObject({ working: false, session: null, uncovered: 0 });
  });

  it('answers for a township’s desks too, routed to the township’s level', async () => {
    fed.setNow(at('09:30'));
    const t = await now('140925100');
    expect(t).toMatchObject({ pointCode: '140925100', pointName: '凤凰镇便民服务中心', session: 'MORNING' });
    expect(t.windows.length).toBeGreaterThan(0);
  });

  it('is for those who read the point: another county’s director and a village clerk are refused', async () => {
    for (const who of ['140927.director', '140925100207.a']) {
      const r = await fed.as(who).query(NOW, { p: NINGWU });
      expect(r.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
      expect(r.data).toBeNull();
    }
  });
});
