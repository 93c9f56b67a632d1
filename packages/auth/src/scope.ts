import { DomainError } from '@scf/domain';
import type { Actor, StaffRole } from './actor.js';
import { UnauthenticatedError } from './tokens.js';

/**
 * Who may see and do what (DOMAIN R24), in one place for every level:
 * - a village room's staff read and act on their own village only;
 * - a township's staff act on their township's cases and read the villages under it;
 * - county staff read every level of their county and act at the county centre;
 * - supervisors read, and see complaints and supervision records, but never act on a case;
 * - directors manage staff and (at the county) the item catalogue.
 */

/** 403: signed in, but this is not theirs to see or do. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
    this.name = 'ForbiddenError';
  }
}

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new UnauthenticatedError('Sign in first: this needs a member of staff');
  return actor;
}

export function hasRole(actor: Actor, ...roles: StaffRole[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function requireRole(actor: Actor | null | undefined, roles: StaffRole[], what: string): Actor {
  const a = requireActor(actor);
  if (!hasRole(a, ...roles)) throw new ForbiddenError(`Only ${roles.join(' or ')} may ${what}; ${a.username} is ${a.roles.join(', ')}`);
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
  if (!canRead(a, pointCode)) throw new ForbiddenError(`${a.username} may not read ${what}: it is held at ${pointCode}, outside ${a.pointCode}`);
  return a;
}

/**
 * Where a case is handled: its point, and at the county the window unit that took it in (county window
 * units share one centre, and a 公安 clerk has no business with a 民政 applicant's papers).
 */
export interface CaseScope {
  pointCode: string;
  unit?: string | null;
}

/** Staff handling the case: its point's clerks and chief representatives, of its unit where units apply. */
export function handlesCase(actor: Actor, scope: CaseScope): boolean {
  if (actor.pointCode !== scope.pointCode || !hasRole(actor, 'CLERK', 'CHIEF_REPRESENTATIVE')) return false;
  return !scope.unit || !actor.unit || actor.unit === scope.unit;
}

/** May move the case through its lifecycle: its handlers, or the director of its point. */
export function canAct(actor: Actor, scope: CaseScope): boolean {
  return handlesCase(actor, scope) || (actor.pointCode === scope.pointCode && hasRole(actor, 'DIRECTOR'));
}

export function requireAct(actor: Actor | null | undefined, scope: CaseScope, what: string): Actor {
  const a = requireActor(actor);
  if (!canAct(a, scope)) {
    const where = !hasRole(a, 'CLERK', 'CHIEF_REPRESENTATIVE', 'DIRECTOR')
      ? `a ${a.roles.join(', ')} does not act on cases`
      : a.pointCode !== scope.pointCode
        ? `it is held at ${scope.pointCode} and ${a.username} works at ${a.pointCode}`
        : `it belongs to ${scope.unit}, not ${a.unit}`;
    throw new ForbiddenError(`${a.username} may not ${what}: ${where}`);
  }
  return a;
}

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
