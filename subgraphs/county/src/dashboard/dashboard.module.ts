import { dashboardMigrations, sharedDashboardTypeDefs } from '@scf/dashboard';
import { defineModule } from '@scf/kit';
import { dashboardTypeDefs } from './dashboard.graphql.js';
import { dashboardResolvers } from './dashboard.resolvers.js';

/** The county dashboard (R37): the county's own figures plus every lower level's, composed through @requires. */
export const countyDashboardModule = defineModule({
  name: 'dashboard',
  requires: ['cases', 'complaints'],
  typeDefs: () => [sharedDashboardTypeDefs, dashboardTypeDefs],
  resolvers: () => dashboardResolvers,
  migrations: () => dashboardMigrations,
});
