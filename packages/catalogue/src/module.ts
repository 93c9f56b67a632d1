import { defineModule } from '@scf/kit';
import { catalogueEntities } from './entities.js';
import { catalogueReplicaMigration } from './migrations.js';
import { levelReplica, type ReplicaConfig } from './replica-server.js';

/**
 * A township's or village's copy of its county's item catalogue and calendar, pulled from the county's
 * internal feed at start-up and every interval. Intake at this level reads the copy, so it works while
 * the county is unreachable.
 */
export const catalogueReplicaModule = defineModule<ReplicaConfig, { syncCatalogue(): Promise<{ applied: number }> }>({
  name: 'catalogue-replica',
  entities: () => catalogueEntities(),
  migrations: () => [{ id: '0001-replica', replaces: ['0002-catalogue-replica'], create: catalogueReplicaMigration }],
  start({ host, orm, config }) {
    const { replica, task } = levelReplica(host.spec.field, orm, host.points.countyCodes, config);
    return { tasks: [task], exposes: { syncCatalogue: () => replica.sync() } };
  },
});
