import { databaseUrlFor, startSubgraph, type RunningSubgraph } from '@scf/kit';
import { openTownshipDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';

export interface TownshipServerConfig {
  databaseUrl?: string;
  port?: number;
  host?: string;
}

/** Opens (and migrates) the township database and serves the township subgraph. Port 0 picks a free port. */
export async function createServer(config: TownshipServerConfig = {}): Promise<RunningSubgraph> {
  const { orm, sql } = await openTownshipDatabase(config.databaseUrl ?? databaseUrlFor('TOWNSHIP'));
  return startSubgraph({ name: 'township', typeDefs, resolvers, orm, sql, context: createContext, port: config.port, host: config.host });
}
