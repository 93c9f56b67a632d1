import { catalogueEntities, catalogueMasterMigration, catalogueScopesMigration, internalTokenFromEnv } from '@scf/catalogue';
import { defineModule } from '@scf/kit';
import { catalogueFeedRoute } from './item.feed.js';
import { itemTypeDefs } from './item.graphql.js';
import { itemLoaders } from './item.loaders.js';
import { itemResolvers } from './item.resolvers.js';

export interface CatalogueMasterConfig {
  /** Township and village subgraphs present it to pull the catalogue; env SCF_INTERNAL_TOKEN. */
  internalToken?: string;
}

/**
 * The county's item catalogue (R1–R4), the master copy: items and their guides, every change with who
 * approved it, calendar overrides, and the internal feed that townships and villages pull.
 */
export const catalogueMasterModule = defineModule<CatalogueMasterConfig>({
  name: 'catalogue',
  typeDefs: () => itemTypeDefs,
  resolvers: () => itemResolvers,
  entities: () => catalogueEntities(),
  migrations: () => [
    { id: '0001-items-changes-calendar', replaces: ['0001-service-points-staff-items', '0002-catalogue-changes-calendar'], create: catalogueMasterMigration },
    { id: '0002-window-units-county-calendars', replaces: ['0010-item-window-units-county-calendars'], create: (name) => catalogueScopesMigration('COUNTY', name) },
  ],
  // The feed's secret, checked before the database opens.
  settings: (_host, config) => ({ internalToken: config.internalToken ?? internalTokenFromEnv() }),
  start: ({ orm, config }) => ({
    routes: [catalogueFeedRoute(orm, config.internalToken!)],
    context: (em) => ({ loaders: itemLoaders(em) }),
  }),
});
