import { levelOfPointCode, type Level } from '@scf/domain';

export type { Level };
export type StaffRole = 'DIRECTOR' | 'SUPERVISOR' | 'CHIEF_REPRESENTATIVE' | 'CLERK';

/** Who is asking: a signed-in member of staff, as their token says. */
export interface Actor {
  username: string;
  name: string;
  level: Level;
  /** The point they work at: a county (6 digits), township (9) or village (12) code. */
  pointCode: string;
  countyCode: string;
  roles: StaffRole[];
  /** The window unit of county window staff (e.g. 县应急管理局), the desk of township staff (e.g. 社保); null elsewhere. */
  unit: string | null;
}

export const levelOfPoint: (code: string) => Level | undefined = levelOfPointCode;

const USERNAME = /^(\d{6}|\d{9}|\d{12})\.([a-z0-9][a-z0-9._-]{0,31})$/;

/**
 * Usernames start with the code of the point the person works at (`140925100207.a`, `140925.w08.a`), so
 * sign-in knows which level's database holds the account without asking the others.
 */
export function pointOfUsername(username: string): { pointCode: string; level: Level } | undefined {
  const m = USERNAME.exec(typeof username === 'string' ? username : '');
  if (!m) return undefined;
  return { pointCode: m[1]!, level: levelOfPoint(m[1]!)! };
}
