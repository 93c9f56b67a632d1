import type { EntityManager } from '@mikro-orm/knex';
import { LEVEL_NAMES, casesResolvers, levelCaseTypeDefs, type CasesHost, type HostLoaders } from '@scf/cases';
import { Village } from '../villages/village.entity.js';
import { VillageStaff } from '../staff/staff.entity.js';
import type { VillageContext } from '../context.js';

/** What the shared case lifecycle needs to know about the village level: its rooms and their staff. */
export const casesHost: CasesHost & HostLoaders = {
  names: LEVEL_NAMES.VILLAGE,
  async findPoint(em: EntityManager, code: string) {
    const v = await em.findOne(Village, { code });
    return v && { code: v.code, name: v.name, centreName: v.roomName };
  },
  async findStaff(em: EntityManager, username: string) {
    const s = await em.findOne(VillageStaff, { username });
    return s && { id: s.id, username: s.username, name: s.name, pointCode: s.villageCode, active: s.active };
  },
  loadPoint: (ctx: VillageContext, code: string) => ctx.loaders.villageByCode.load(code),
  loadStaffByUsername: (ctx: VillageContext, username: string) => ctx.loaders.staffByUsername.load(username),
};

export const villageCaseTypeDefs = levelCaseTypeDefs(LEVEL_NAMES.VILLAGE);
export const villageCaseResolvers = casesResolvers(casesHost);
