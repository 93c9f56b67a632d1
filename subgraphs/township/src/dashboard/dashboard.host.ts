import type { EntityManager } from '@mikro-orm/knex';
import { levelDashboardResolvers, levelDashboardTypeDefs } from '@scf/dashboard';
import { Township } from '../townships/township.entity.js';

/** The township level's part of the county dashboard: the figures of every township centre in the county. */
async function points(em: EntityManager, countyCode: string) {
  const rows = await em.find(Township, { countyCode }, { orderBy: { code: 'asc' } });
  return rows.map((t) => ({ code: t.code, name: t.name, parentCode: t.countyCode }));
}

export const townshipDashboardTypeDefs = levelDashboardTypeDefs('township');
export const townshipDashboardResolvers = levelDashboardResolvers('township', points);
