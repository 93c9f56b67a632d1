import { DomainError } from '@scf/domain';
import { levelOfPoint, type Actor, type StaffRole } from './actor.js';
import { UnauthenticatedError } from './tokens.js';

/**
 * Who may see and do what (DOMAIN R24), in one place for every level:
 * - a village room's staff read and act on their own village only;
 * - a township's staff act on their township's cases and read the villages under it;
 * - county staff read every level of their county and act at the county centre;
 * - where a point has window units (the county hall) or desks (a township centre), a case is acted on by
 *   the unit that handles it only (CaseScope), and its director;
 * - supervisors read, and see complaints and supervision records, but never act on a case;
 * - directors manage window staff, the county director also the townships' directors and supervisors, and
 *   (at the county) the item catalogue and that county's calendar.
 */

/** 403: signed in, but this is not theirs to see or do. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
    this.name = 'ForbiddenError';
  }
}

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new UnauthenticatedError('请先登录：此操作须由工作人员登录后办理 / Sign in first: this needs a member of staff');
  return actor;
}

export function hasRole(actor: Actor, ...roles: StaffRole[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function requireRole(actor: Actor | null | undefined, roles: StaffRole[], what: string): Actor {
  const a = requireActor(actor);
  if (!hasRole(a, ...roles)) throw new ForbiddenError(`只有${roles.map((r) => ROLE_NAMES[r]).join('或')}可以进行此操作；${a.username} 的角色是${a.roles.map((r) => ROLE_NAMES[r]).join('、')} / Only ${roles.join(' or ')} may ${what}; ${a.username} is ${a.roles.join(', ')}`);
  return a;
}

/** Whether the actor may read what is held at `pointCode` (a point's cases, lists and figures). */
export function canRead(actor: Actor, pointCode: string): boolean {
  if (!pointCode.startsWith(actor.countyCode)) return false;
  switch (actor.level) {
    case 'COUNTY':
      return true;
    case 'TOWNSHIP':
      return pointCode === actor.pointCode || (pointCode.length === 12 && pointCode.startsWith(actor.pointCode));
    case 'VILLAGE':
      return pointCode === actor.pointCode;
  }
}

export function requireRead(actor: Actor | null | undefined, pointCode: string, what: string): Actor {
  const a = requireActor(actor);
  if (!canRead(a, pointCode)) throw new ForbiddenError(`工作人员 ${a.username} 无权查看收件点 ${pointCode} 的数据，本人属于 ${a.pointCode} / ${a.username} may not read ${what}: it is held at ${pointCode}, outside ${a.pointCode}`);
  return a;
}

/**
 * Where a case is handled: its point, and which of the point's window units (the county hall's 窗口单位, a
 * township centre's desks) handles it. The rule that fills it in lives with the cases (case-scope.ts): at the
 * level that decides the item, the unit the catalogue names for it, however the case arrived.
 */
export interface CaseScope {
  pointCode: string;
  /**
   * The window unit or desk whose clerks and chief representative handle the case. Absent or null at a
   * county or township point means none of them does (no unit is known for it): only the point's
   * director acts on it. A village room has no units: all its clerks handle its cases.
   */
  unit?: string | null;
  /** Every clerk of the point handles it whatever their unit: a case only passing through on its way up. */
  wholePoint?: boolean;
}

/** Staff handling the case: its point's clerks and chief representatives, of its unit where units apply. */
export function handlesCase(actor: Actor, scope: CaseScope): boolean {
  if (actor.pointCode !== scope.pointCode || !hasRole(actor, 'CLERK', 'CHIEF_REPRESENTATIVE')) return false;
  if (scope.wholePoint || levelOfPoint(scope.pointCode) === 'VILLAGE') return true;
  return !!scope.unit && actor.unit === scope.unit;
}

/** May move the case through its lifecycle: its handlers, or the director of its point. */
export function canAct(actor: Actor, scope: CaseScope): boolean {
  return handlesCase(actor, scope) || (actor.pointCode === scope.pointCode && hasRole(actor, 'DIRECTOR'));
}

export function requireAct(actor: Actor | null | undefined, scope: CaseScope, what: string): Actor {
  const a = requireActor(actor);
  if (!canAct(a, scope)) {
    const why = !hasRole(a, 'CLERK', 'CHIEF_REPRESENTATIVE', 'DIRECTOR')
      ? [`${roleNames(a)}不办理案件`, `a ${a.roles.join(', ')} does not act on cases`]
      : a.pointCode !== scope.pointCode
        ? [`案件在 ${scope.pointCode}，${a.username} 在 ${a.pointCode} 工作`, `it is held at ${scope.pointCode} and ${a.username} works at ${a.pointCode}`]
        : scope.unit
          ? [`此案件由「${scope.unit}」办理，${a.username} 属于「${a.unit ?? '无窗口单位'}」`, `it is handled by ${scope.unit}, not ${a.unit ?? 'a member of staff without a window unit'}`]
          : ['此案件没有登记办理的窗口单位，只有中心主任可以办理', 'no window unit is recorded as handling it, so only the centre director acts on it'];
    throw new ForbiddenError(`无权办理：${why[0]} / ${a.username} may not ${what}: ${why[1]}`);
  }
  return a;
}

const ROLE_NAMES: Record<StaffRole, string> = { DIRECTOR: '中心主任', SUPERVISOR: '督查人员', CHIEF_REPRESENTATIVE: '首席代表', CLERK: '窗口工作人员' };
const roleNames = (a: Actor) => a.roles.map((r) => ROLE_NAMES[r]).join('、');

/**
 * Who manages the staff accounts of a point: its own director, the director of the township above a
 * village (village rooms have none), and the county director for every point in the county.
 */
export function canManageStaff(actor: Actor, pointCode: string): boolean {
  if (!hasRole(actor, 'DIRECTOR') || !pointCode.startsWith(actor.countyCode)) return false;
  if (actor.level === 'COUNTY') return true;
  if (actor.level === 'TOWNSHIP') return pointCode === actor.pointCode || (pointCode.length === 12 && pointCode.startsWith(actor.pointCode));
  return false;
}

/**
 * Whether the actor may create an account of `role` at `pointCode`, or change one (reset its password,
 * deactivate or reactivate it). Window staff — clerks and chief representatives — are their point's
 * director's to manage (and the township director's for its villages, the county director's for the whole
 * county). Directors and supervisors are the level above's: a township's by the county director; the
 * county centre's own on the county's server (`npm run create-director`), never through the API. So no
 * director can make a second director, or a supervisor to watch over themself, and none can disable a peer.
 */
export function canManageAccount(actor: Actor, pointCode: string, role: StaffRole): boolean {
  if (!canManageStaff(actor, pointCode)) return false;
  if (role === 'CLERK' || role === 'CHIEF_REPRESENTATIVE') return true;
  return actor.level === 'COUNTY' && levelOfPoint(pointCode) !== 'COUNTY';
}

export function requireManageAccount(actor: Actor | null | undefined, pointCode: string, role: StaffRole, what: string): Actor {
  const a = requireActor(actor);
  if (canManageAccount(a, pointCode, role)) return a;
  if (!canManageStaff(a, pointCode)) {
    throw new ForbiddenError(`无权管理 ${pointCode} 的工作人员账号 / ${a.username} may not ${what}: they do not manage the staff of ${pointCode}`);
  }
  const why = levelOfPoint(pointCode) === 'COUNTY'
    ? ['县中心的主任和督查人员账号只能在县级服务器上用 npm run create-director 设置', "the county centre's directors and supervisors are set up on the county's server with npm run create-director"]
    : ['乡镇的中心主任和督查人员账号由县中心主任设置', "a township's directors and supervisors are set up by the county centre's director"];
  throw new ForbiddenError(`无权管理${ROLE_NAMES[role]}账号：${why[0]} / ${a.username} may not ${what}: ${why[1]}`);
}

/**
 * Who deals with a point's refused hand-overs (FAILED messages it sent): sees them, puts them back in line
 * or gives them up. The directors over the point, as for its staff accounts — a village room has no
 * director, so its township's director does; the county director for every point of the county.
 */
export function canReviewHandovers(actor: Actor, pointCode: string): boolean {
  return canManageStaff(actor, pointCode);
}

export function requireHandoverReview(actor: Actor | null | undefined, pointCode: string, what: string): Actor {
  const a = requireActor(actor);
  if (!canReviewHandovers(a, pointCode)) {
    throw new ForbiddenError(`无权${what}：只有 ${pointCode} 的主任及其上级主任可以处理它被拒收的移交，${a.username} 不在其列 (only the directors over ${pointCode})`);
  }
  return a;
}

/**
 * Works at the point: its clerks, chief representatives and director — for a point's own business that is
 * not a case (its notes, its lending desk, its queue). Supervisors read; they do not act.
 */
export function isStaffOf(actor: Actor, pointCode: string): boolean {
  return actor.pointCode === pointCode && hasRole(actor, 'CLERK', 'CHIEF_REPRESENTATIVE', 'DIRECTOR');
}

export function requireStaffOf(actor: Actor | null | undefined, pointCode: string, what: string): Actor {
  const a = requireActor(actor);
  if (!isStaffOf(a, pointCode)) throw new ForbiddenError(`无权${what}：只有 ${pointCode} 的工作人员可以办理 / ${a.username} may not ${what}: only the staff of ${pointCode} may`);
  return a;
}

/**
 * Working hours and attendance (R24–R26, R38). A point's schedule is set by the directors over it, as its
 * staff accounts are (its own director; the township's for a village room; the county's for every point).
 * Anyone who reads the point reads its schedule.
 */
export function canSetWorkSchedule(actor: Actor, pointCode: string): boolean {
  return canManageStaff(actor, pointCode);
}

export function requireSetWorkSchedule(actor: Actor | null | undefined, pointCode: string): Actor {
  const a = requireActor(actor);
  if (!canSetWorkSchedule(a, pointCode)) {
    throw new ForbiddenError(`无权设置 ${pointCode} 的作息时间：只有该中心主任及其上级主任可以设置 / ${a.username} may not set the working hours of ${pointCode}: only the directors over it may`);
  }
  return a;
}

/**
 * Who imports a point's punch-machine logs: the directors over it (as for its schedule) and the point's own
 * supervisor (效能监察 keeps the attendance records, R38).
 */
export function canImportPunches(actor: Actor, pointCode: string): boolean {
  return canManageStaff(actor, pointCode) || (hasRole(actor, 'SUPERVISOR') && actor.pointCode === pointCode);
}

export function requireImportPunches(actor: Actor | null | undefined, pointCode: string): Actor {
  const a = requireActor(actor);
  if (!canImportPunches(a, pointCode)) {
    throw new ForbiddenError(`无权导入 ${pointCode} 的打卡记录：只有该中心的主任、督查人员及上级主任可以导入 / ${a.username} may not import the punches of ${pointCode}`);
  }
  return a;
}

/**
 * Who reads a point's month sheet (every member of staff's figures): the directors and supervisors who read
 * the point — its own, and those above it in the county. Clerks and chief representatives do not.
 */
export function canReadAttendanceSheet(actor: Actor, pointCode: string): boolean {
  return hasRole(actor, 'DIRECTOR', 'SUPERVISOR') && canRead(actor, pointCode);
}

export function requireReadAttendanceSheet(actor: Actor | null | undefined, pointCode: string): Actor {
  const a = requireActor(actor);
  if (!canReadAttendanceSheet(a, pointCode)) {
    throw new ForbiddenError(`无权查看 ${pointCode} 的考勤汇总表：只有该中心的主任、督查人员及上级主任可以查看 / ${a.username} may not read the attendance sheet of ${pointCode}`);
  }
  return a;
}

/**
 * Who reads a member of staff's attendance: they themself; the directors and supervisors who read their
 * point (their own centre's, and those above it in the county). Clerks never read a colleague's.
 */
export function canReadAttendance(actor: Actor, username: string, pointCode: string): boolean {
  if (actor.username === username) return true;
  return hasRole(actor, 'DIRECTOR', 'SUPERVISOR') && canRead(actor, pointCode);
}

export function requireReadAttendance(actor: Actor | null | undefined, username: string, pointCode: string): Actor {
  const a = requireActor(actor);
  if (!canReadAttendance(a, username, pointCode)) {
    throw new ForbiddenError(`无权查看 ${username} 的考勤：只有本人、其所在中心的主任和督查人员及上级主任可以查看 / ${a.username} may not read the attendance of ${username}`);
  }
  return a;
}
