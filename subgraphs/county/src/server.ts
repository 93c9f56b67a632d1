import { databaseUrlFor, startSubgraph, type RunningSubgraph } from '@scf/kit';
import { openCountyDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';

export interface CountyServerConfig {
  databaseUrl?: string;
  port?: number;
  host?: string;
}

/** Opens (and migrates) the county database and serves the county subgraph. Port 0 picks a free port. */
export async function createServer(config: CountyServerConfig = {}): Promise<RunningSubgraph> {
  const { orm, sql } = await openCountyDatabase(config.databaseUrl ?? databaseUrlFor('COUNTY'));
  return startSubgraph({ name: 'county', typeDefs, resolvers, orm, sql, context: createContext, port: config.port, host: config.host });
}
