import { defineModule, type LevelHost, type ModuleMigration } from '@scf/kit';
import { drillResolvers, drillTypeDefs, sharedDrillTypeDefs } from './cases-behind.js';
import { levelDashboardResolvers, levelDashboardTypeDefs, sharedDashboardTypeDefs } from './graphql.js';
import { dashboardMigration } from './migration.js';

/** The dashboard's indexes over the case tables, the same at every level. */
export const dashboardMigrations: ModuleMigration[] = [{ id: '0001-indexes', replaces: ['0006-dashboard'], create: dashboardMigration }];

const pointsOf = (host: LevelHost) => async (em: Parameters<LevelHost['points']['inCounty']>[0], countyCode: string) =>
  (await host.points.inCounty(em, countyCode)).map((p) => ({ code: p.code, name: p.name, parentCode: p.parentCode }));

/** The cases behind a dashboard figure, listed by the level that holds them (every level mounts this). */
export const drillTypeDefsOf = (host: LevelHost) => [sharedDrillTypeDefs, drillTypeDefs(host.spec.field, host.spec.label)];
export const drillResolversOf = (host: LevelHost) =>
  drillResolvers(host.spec.field, async (ctx, code) => ((await host.points.load(ctx, code)) as { name?: string } | null)?.name ?? code);

/**
 * A lower level's part of the county dashboard (R37): the figures of the cases it owns, every point of
 * the level listed, for the county to add up. The county mounts its own dashboard module, which composes.
 */
export const levelDashboardModule = defineModule({
  name: 'dashboard',
  requires: ['cases'],
  typeDefs: (host) => {
    if (host.spec.level === 'COUNTY') throw new Error('the county composes the dashboard: mount its own dashboard module there');
    return [sharedDashboardTypeDefs, levelDashboardTypeDefs(host.spec.field as 'township' | 'village'), ...drillTypeDefsOf(host)];
  },
  resolvers: (host) => ({ ...levelDashboardResolvers(host.spec.field as 'township' | 'village', pointsOf(host)), ...drillResolversOf(host) }),
  migrations: () => dashboardMigrations,
});
