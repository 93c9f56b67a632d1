import type { EntityManager } from '@mikro-orm/knex';
import { levelDashboardResolvers, levelDashboardTypeDefs } from '@scf/dashboard';
import { Village } from '../villages/village.entity.js';

/** The village level's part of the county dashboard: the figures of every village room in the county. */
async function points(em: EntityManager, countyCode: string) {
  const rows = await em.find(Village, { countyCode }, { orderBy: { code: 'asc' } });
  return rows.map((v) => ({ code: v.code, name: v.name, parentCode: v.townshipCode }));
}

export const villageDashboardTypeDefs = levelDashboardTypeDefs('village');
export const villageDashboardResolvers = levelDashboardResolvers('village', points);
