import { defineModule, internalUrlFor } from '@scf/kit';
import { catalogueEntities } from './entities.js';
import { catalogueReplicaMigration, catalogueScopesMigration } from './migrations.js';
import { levelReplica, type ReplicaConfig } from './replica-server.js';
import { internalTokenFromEnv } from './replication.js';

/**
 * A township's or village's copy of its county's item catalogue and calendar, pulled from the county's
 * internal feed at start-up and every interval. Intake at this level reads the copy, so it works while
 * the county is unreachable.
 */
export const catalogueReplicaModule = defineModule<ReplicaConfig, { syncCatalogue(): Promise<{ applied: number }> }>({
  name: 'catalogue-replica',
  entities: () => catalogueEntities(),
  migrations: (host) => [
    { id: '0001-replica', replaces: ['0002-catalogue-replica'], create: catalogueReplicaMigration },
    { id: '0002-window-units-county-calendars', replaces: ['0010-item-window-units-county-calendars'], create: (name) => catalogueScopesMigration(host.spec.level, name) },
  ],
  // Where the county's feed is and its secret, checked before the database opens.
  settings: (host, config) => ({
    countyInternalUrl: config.countyInternalUrl ?? internalUrlFor('COUNTY', host.spec.level),
    internalToken: config.internalToken ?? internalTokenFromEnv(),
  }),
  start({ host, orm, config }) {
    const { replica, task } = levelReplica(host.spec.level, orm, host.points.countyCodes, config);
    return { tasks: [task], exposes: { syncCatalogue: () => replica.sync() } };
  },
});
