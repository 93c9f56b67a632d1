import { databaseUrlFor, startSubgraph, type RunningSubgraph } from '@scf/kit';
import { openVillageDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';

export interface VillageServerConfig {
  databaseUrl?: string;
  port?: number;
  host?: string;
}

/** Opens (and migrates) the village database and serves the village subgraph. Port 0 picks a free port. */
export async function createServer(config: VillageServerConfig = {}): Promise<RunningSubgraph> {
  const { orm, sql } = await openVillageDatabase(config.databaseUrl ?? databaseUrlFor('VILLAGE'));
  return startSubgraph({ name: 'village', typeDefs, resolvers, orm, sql, context: createContext, port: config.port, host: config.host });
}
