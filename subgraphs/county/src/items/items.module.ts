import { catalogueEntities, catalogueMasterMigration, internalTokenFromEnv } from '@scf/catalogue';
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
  migrations: () => [{ id: '0001-items-changes-calendar', replaces: ['0001-service-points-staff-items', '0002-catalogue-changes-calendar'], create: catalogueMasterMigration }],
  start: ({ orm, config }) => ({
    routes: [catalogueFeedRoute(orm, config.internalToken ?? internalTokenFromEnv())],
    context: (em) => ({ loaders: itemLoaders(em) }),
  }),
});
