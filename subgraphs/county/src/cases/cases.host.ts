import type { EntityManager } from '@mikro-orm/knex';
import { LEVEL_NAMES, casesResolvers, levelCaseTypeDefs, type CasesHost, type HostLoaders } from '@scf/cases';
import { County } from '../counties/county.entity.js';
import { CountyStaff } from '../staff/staff.entity.js';
import type { CountyContext } from '../context.js';

/** What the shared case lifecycle needs to know about the county level: its centres and its staff. */
export const casesHost: CasesHost & HostLoaders = {
  names: LEVEL_NAMES.COUNTY,
  async findPoint(em: EntityManager, code: string) {
    const c = await em.findOne(County, { code });
    return c && { code: c.code, name: c.name, centreName: c.centreName, complaintPhone: c.complaintPhone };
  },
  async findStaff(em: EntityManager, username: string) {
    const s = await em.findOne(CountyStaff, { username });
    return s && { id: s.id, username: s.username, name: s.name, pointCode: s.countyCode, active: s.active };
  },
  loadPoint: (ctx: CountyContext, code: string) => ctx.loaders.countyByCode.load(code),
  loadStaffByUsername: (ctx: CountyContext, username: string) => ctx.loaders.staffByUsername.load(username),
  async unitOfStaff(ctx: CountyContext, username: string) {
    const staff = await ctx.loaders.staffByUsername.load(username);
    return staff?.unitId == null ? null : ((await ctx.loaders.unitById.load(staff.unitId))?.name ?? null);
  },
};

export const countyCaseTypeDefs = levelCaseTypeDefs(LEVEL_NAMES.COUNTY);
export const countyCaseResolvers = casesResolvers(casesHost);
