import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { county } from '@scf/county';
import { township } from '@scf/township';
import { village } from '@scf/village';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

/**
 * What every level's host tells the modules about its people and windows (AB岗, R24): the county hall's
 * numbered windows with their units and A/B holders, a township centre's desks, a village room's counter.
 */
describe('each level’s host lists its staff and windows', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed('140925');
  });
  afterAll(async () => {
    await fed?.close();
  });
  const em = (level: 'county' | 'township' | 'village') => fed[level].orm.em.fork() as EntityManager;

  it('the county hall: each numbered window with its unit and its A and B holders', async () => {
    const windows = await county.host.points.windows(em('county'), '140925');
    expect(windows).toHaveLength(13);
    const w08 = windows.find((w) => w.name.startsWith('08号窗口'))!;
    expect(w08).toMatchObject({ name: '08号窗口（危险化学品、烟花爆竹许可）', unit: '县应急管理局' });
    expect(w08.holders.map((h) => h.post).sort()).toEqual(['A', 'B']);
    const staff = await county.host.staff.atPoint(em('county'), '140925');
    expect(staff.find((s) => s.username === w08.holders[0]!.username)).toMatchObject({ unit: '县应急管理局', active: true, passwordHash: null });
  });

  it('a township centre: each desk is a window held by the clerks who sit at it', async () => {
    const windows = await township.host.points.windows(em('township'), '140925100');
    expect(windows.map((w) => w.name)).toEqual(['民政', '社保', '计生', '新农合', '土地流转']);
    expect(windows.find((w) => w.name === '计生')!.holders.map((h) => h.username)).toContain('140925100.d3.a');
    const staff = await township.host.staff.atPoint(em('township'), '140925100');
    expect(staff.find((s) => s.username === '140925100.d3.a')).toMatchObject({ unit: '计生', role: 'CLERK' });
  });

  it('a village room: one counter held by its clerks', async () => {
    const [room, ...more] = await village.host.points.windows(em('village'), '140925100207');
    expect(more).toEqual([]);
    expect(room).toMatchObject({ id: 'room', name: '代办', unit: null });
    expect(room!.holders.map((h) => h.username)).toContain('140925100207.a');
  });
});
