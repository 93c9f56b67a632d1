import { supervisionTask } from '@scf/cases';
import { databaseUrlFor, startSubgraph } from '@scf/kit';
import { levelReplica, type ReplicaConfig, type ReplicaSubgraph } from '@scf/catalogue';
import { openVillageDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';

/** countyInternalUrl, internalToken, catalogueSyncIntervalMs: where and how often the catalogue replica is pulled. */
export interface VillageServerConfig extends ReplicaConfig {
  databaseUrl?: string;
  port?: number;
  host?: string;
  /** Injected time for tests of deadlines and lights; the real clock otherwise. */
  clock?: () => Date;
}

/** Opens (and migrates) the village database and serves the village subgraph. Port 0 picks a free port. */
export async function createServer(config: VillageServerConfig = {}): Promise<ReplicaSubgraph> {
  const { orm, sql } = await openVillageDatabase(config.databaseUrl ?? databaseUrlFor('VILLAGE'));
  const { replica, task } = levelReplica('village', orm, 'village', config);
  const server = await startSubgraph({ name: 'village', typeDefs, resolvers, orm, sql, context: createContext, port: config.port, host: config.host, clock: config.clock, tasks: [task, supervisionTask(orm, config.clock)] });
  return { ...server, syncCatalogue: () => replica.sync() };
}
