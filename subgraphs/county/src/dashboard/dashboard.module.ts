import { dashboardMigrations, drillResolversOf, drillTypeDefsOf, sharedDashboardTypeDefs } from '@scf/dashboard';
import { defineModule } from '@scf/kit';
import { dashboardTypeDefs } from './dashboard.graphql.js';
import { dashboardResolvers } from './dashboard.resolvers.js';

/** The county dashboard (R37): the county's own figures plus every lower level's, composed through @requires. */
export const countyDashboardModule = defineModule({
  name: 'dashboard',
  requires: ['cases', 'complaints'],
  typeDefs: (host) => [sharedDashboardTypeDefs, dashboardTypeDefs, ...drillTypeDefsOf(host)],
  resolvers: (host) => {
    const drill = drillResolversOf(host);
    return { ...dashboardResolvers, Query: { ...(dashboardResolvers as { Query?: object }).Query, ...drill.Query } };
  },
  migrations: () => dashboardMigrations,
});
