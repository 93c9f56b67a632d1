import type { EntityManager } from '@mikro-orm/knex';
import { LEVEL_NAMES, casesResolvers, levelCaseTypeDefs, type CasesHost, type HostLoaders } from '@scf/cases';
import { Township } from '../townships/township.entity.js';
import { TownshipStaff } from '../staff/staff.entity.js';
import type { TownshipContext } from '../context.js';

/** What the shared case lifecycle needs to know about the township level: its centres and its staff. */
export const casesHost: CasesHost & HostLoaders = {
  names: LEVEL_NAMES.TOWNSHIP,
  async findPoint(em: EntityManager, code: string) {
    const t = await em.findOne(Township, { code });
    return t && { code: t.code, name: t.name, centreName: t.centreName };
  },
  async findStaff(em: EntityManager, username: string) {
    const s = await em.findOne(TownshipStaff, { username });
    return s && { id: s.id, username: s.username, name: s.name, pointCode: s.townshipCode, active: s.active };
  },
  loadPoint: (ctx: TownshipContext, code: string) => ctx.loaders.townshipByCode.load(code),
  loadStaffByUsername: (ctx: TownshipContext, username: string) => ctx.loaders.staffByUsername.load(username),
  // A township centre's desks (民政, 社保, 计生...) are its window units.
  unitOfStaff: async (ctx: TownshipContext, username: string) => (await ctx.loaders.staffByUsername.load(username))?.desk ?? null,
};

export const townshipCaseTypeDefs = levelCaseTypeDefs(LEVEL_NAMES.TOWNSHIP);
export const townshipCaseResolvers = casesResolvers(casesHost);
