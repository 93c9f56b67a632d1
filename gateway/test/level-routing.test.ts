import { describe, expect, it } from 'vitest';
import type { Actor } from '@scf/auth';
import { routeToLevels } from '../src/level-routing.js';

const actor = (level: Actor['level'], pointCode: string): Actor => ({ username: `${pointCode}.a`, name: '王芳', level, pointCode, countyCode: '140925', roles: ['CLERK'], unit: null });
const squash = (q: string | undefined) => q?.replace(/\s+/g, ' ').trim();

describe('routing the shared duty fields to their level', () => {
  it('sends punch to the signed-in member of staff\'s level, keeping the response name', () => {
    expect(squash(routeToLevels('mutation { punch { at kind } }', {}, actor('VILLAGE', '140925100207')))).toBe('mutation { punch: villagePunch { at kind } }');
    expect(squash(routeToLevels('mutation { p: punch { kind } }', {}, actor('TOWNSHIP', '140925100')))).toBe('mutation { p: townshipPunch { kind } }');
    // The county answers its own, and a request without a token is refused there.
    expect(routeToLevels('mutation { punch { kind } }', {}, actor('COUNTY', '140925'))).toBeUndefined();
    expect(routeToLevels('mutation { punch { kind } }', {}, null)).toBeUndefined();
  });

  it('sends the others by the point or username they name, literal or variable', () => {
    expect(squash(routeToLevels('query($u: ID!) { attendanceMonth(username: $u, month: "2026-10") { workingDays } }', { u: '140925100.d1.a' }, null)))
      .toBe('query ($u: ID!) { attendanceMonth: townshipAttendanceMonth(username: $u, month: "2026-10") { workingDays } }');
    expect(squash(routeToLevels('mutation { importPunches(pointCode: "140925100207", csv: "") { imported } }', {}, null)))
      .toBe('mutation { importPunches: importVillagePunches(pointCode: "140925100207", csv: "") { imported } }');
    expect(squash(routeToLevels('{ a: workSchedule(pointCode: "140925100") { own } b: workSchedule(pointCode: "140925") { own } }', {}, null)))
      .toBe('{ a: townshipWorkSchedule(pointCode: "140925100") { own } b: workSchedule(pointCode: "140925") { own } }');
    // Nothing to route, a malformed code, or a document that does not parse: left to Apollo and the county.
    expect(routeToLevels('{ counties { code } }', {}, null)).toBeUndefined();
    expect(routeToLevels('{ workSchedule(pointCode: "14") { own } }', {}, null)).toBeUndefined();
    expect(routeToLevels('{ workSchedule(', {}, null)).toBeUndefined();
  });
});
