import type { CaseScope } from '@scf/auth';
import type { CaseRow, InboundRow } from './entities.js';
import type { Level } from './level.js';

/** How a level finds out the unit that decides an item, and the unit of one of its own staff. */
export interface ScopeLookups {
  /** The window unit or desk the catalogue (this level's copy) names for the item; null when it names none. */
  windowUnitOfItem(itemId: number): Promise<string | null>;
  /** The window unit (county) or desk (township) of a member of staff of this level; null where there is none. */
  unitOfStaff(username: string): Promise<string | null>;
}

/**
 * Who handles a case held at this level (R7, R24), for acting on it and for seeing its personal data whole.
 *
 * At the level that decides its item, the window unit or desk the catalogue names for the item decides it,
 * however the case arrived (taken in here, by the director, or forwarded from below) and whoever took it in.
 * It follows the catalogue as it is now, not as it was at intake: the applicant's terms (limits, fees) are
 * frozen on the case, but who decides is the centre's organisation, and moving an item to another unit
 * moves its open cases with it.
 *
 * At a level that only takes the item in and forwards it, the case is its first responsible person's (R7):
 * the unit of the clerk who took it in, so their AB-post colleague covers for them. Taken in by someone with
 * no unit (the director), it is the director's alone.
 */
export async function scopeOfCase(level: Level, c: CaseRow, lookups: ScopeLookups): Promise<CaseScope> {
  if (level === 'VILLAGE') return { pointCode: c.pointCode, wholePoint: true };
  const unit = c.decidingLevel === level ? await lookups.windowUnitOfItem(c.itemId) : await lookups.unitOfStaff(c.responsibleUsername);
  return { pointCode: c.pointCode, unit };
}

/**
 * Who handles a case another level forwarded here: the deciding unit, at the level that decides it; any
 * clerk of a township it only passes through on its way up (they forward it on or return it). The forwarded
 * copy carries the ID number and phone only masked: the applicant's papers stay at the origin.
 */
export async function scopeOfForwarded(level: Level, inbound: InboundRow, lookups: ScopeLookups): Promise<CaseScope> {
  if (inbound.decidingLevel !== level) return { pointCode: inbound.pointCode, wholePoint: true };
  return { pointCode: inbound.pointCode, unit: await lookups.windowUnitOfItem(inbound.itemId) };
}
