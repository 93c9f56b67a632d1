import { authConfigFromEnv, type AuthConfig } from '@scf/auth';
import { accountStatusRoute, changePasswordRoute, signInRoute } from '@scf/accounts';
import { townshipAccounts } from './staff/staff.accounts.js';
import { delegation, delegationSettings, supervisionTask, type DelegationConfig } from '@scf/cases';
import type { Relay } from '@scf/handover';
import { casesHost } from './cases/cases.host.js';
import { databaseUrlFor, internalUrlFor, startSubgraph } from '@scf/kit';
import { internalTokenFromEnv, levelReplica, type ReplicaConfig, type ReplicaSubgraph } from '@scf/catalogue';
import { openTownshipDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';

/** countyInternalUrl, internalToken, catalogueSyncIntervalMs: where and how often the catalogue replica is pulled. */
export interface TownshipServerConfig extends ReplicaConfig, DelegationConfig {
  databaseUrl?: string;
  /** Secrets for the gateway's credential and staff tokens; default authConfigFromEnv(). */
  auth?: AuthConfig;
  port?: number;
  host?: string;
  /** Injected time for tests of deadlines and lights; the real clock otherwise. */
  clock?: () => Date;
}

/** Opens (and migrates) the township database and serves the township subgraph. Port 0 picks a free port. */
export async function createServer(config: TownshipServerConfig = {}): Promise<ReplicaSubgraph & { relay: Relay }> {
  // Settings first: a start without a required secret or address stops before the database is touched.
  const auth = config.auth ?? authConfigFromEnv();
  const handover = delegationSettings('TOWNSHIP', config);
  const replicaConfig: ReplicaConfig = {
    ...config,
    countyInternalUrl: config.countyInternalUrl ?? internalUrlFor('COUNTY', 'TOWNSHIP'),
    internalToken: config.internalToken ?? internalTokenFromEnv(),
  };
  const { orm, sql } = await openTownshipDatabase(config.databaseUrl ?? databaseUrlFor('TOWNSHIP'));
  const { replica, task } = levelReplica('township', orm, 'township', replicaConfig);
  const { relay, route } = delegation(casesHost, orm, handover);
  const server = await startSubgraph({ name: 'township', typeDefs, resolvers, orm, sql, context: (em, now, identity) => ({ ...createContext(em, now, identity), kick: relay.kick }), auth, routes: [route, signInRoute(orm, townshipAccounts, auth), changePasswordRoute(orm, townshipAccounts, auth), accountStatusRoute(orm, townshipAccounts, auth)], port: config.port, host: config.host, clock: config.clock, tasks: [task, supervisionTask(orm, config.clock), relay.task] });
  // The relay finishes what it is sending before the database closes.
  return { ...server, relay, syncCatalogue: () => replica.sync(), stop: () => relay.close().then(() => server.stop()) };
}
