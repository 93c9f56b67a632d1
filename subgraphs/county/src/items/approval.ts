import { invalid } from '@scf/domain';
import type { CountyContext } from '../context.js';
import { CountyStaff } from '../staff/staff.entity.js';

/**
 * Catalogue and calendar changes are approved by a centre DIRECTOR (R3). Until sign-in arrives (a later
 * issue) the approver is named in the mutation and checked against the staff list: the username must exist,
 * be active, serve this county (when one is given) and hold the DIRECTOR role.
 */
export async function requireDirector(ctx: CountyContext, username: string, countyCode?: string, field = 'approvedBy'): Promise<CountyStaff> {
  const name = typeof username === 'string' ? username.trim() : '';
  if (!name) return invalid(field, 'must name the approving director by username, e.g. 140925.director');
  const staff = await ctx.em.findOne(CountyStaff, { username: name });
  if (!staff || !staff.active) return invalid(field, `no active county staff member has the username "${name}"`);
  if (countyCode && staff.countyCode !== countyCode) {
    return invalid(field, `${name} (${staff.name}) serves county ${staff.countyCode}, not ${countyCode}`);
  }
  if (staff.role !== 'DIRECTOR') {
    return invalid(field, `${name} (${staff.name}) is a ${staff.role}; only the centre's DIRECTOR approves catalogue and calendar changes`);
  }
  return staff;
}
