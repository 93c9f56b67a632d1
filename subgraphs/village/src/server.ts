import { authConfigFromEnv, type AuthConfig } from '@scf/auth';
import { accountStatusRoute, changePasswordRoute, signInRoute } from '@scf/accounts';
import { villageAccounts } from './staff/staff.accounts.js';
import { delegation, delegationSettings, supervisionTask, type DelegationConfig } from '@scf/cases';
import type { Relay } from '@scf/handover';
import { casesHost } from './cases/cases.host.js';
import { databaseUrlFor, internalUrlFor, startSubgraph } from '@scf/kit';
import { internalTokenFromEnv, levelReplica, type ReplicaConfig, type ReplicaSubgraph } from '@scf/catalogue';
import { openVillageDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';

/** countyInternalUrl, internalToken, catalogueSyncIntervalMs: where and how often the catalogue replica is pulled. */
export interface VillageServerConfig extends ReplicaConfig, DelegationConfig {
  databaseUrl?: string;
  /** Secrets for the gateway's credential and staff tokens; default authConfigFromEnv(). */
  auth?: AuthConfig;
  port?: number;
  host?: string;
  /** Injected time for tests of deadlines and lights; the real clock otherwise. */
  clock?: () => Date;
}

/** Opens (and migrates) the village database and serves the village subgraph. Port 0 picks a free port. */
export async function createServer(config: VillageServerConfig = {}): Promise<ReplicaSubgraph & { relay: Relay }> {
  // Settings first: a start without a required secret or address stops before the database is touched.
  const auth = config.auth ?? authConfigFromEnv();
  const handover = delegationSettings('VILLAGE', config);
  const replicaConfig: ReplicaConfig = {
    ...config,
    countyInternalUrl: config.countyInternalUrl ?? internalUrlFor('COUNTY', 'VILLAGE'),
    internalToken: config.internalToken ?? internalTokenFromEnv(),
  };
  const { orm, sql } = await openVillageDatabase(config.databaseUrl ?? databaseUrlFor('VILLAGE'));
  const { replica, task } = levelReplica('village', orm, 'village', replicaConfig);
  const { relay, route } = delegation(casesHost, orm, handover);
  const server = await startSubgraph({ name: 'village', typeDefs, resolvers, orm, sql, context: (em, now, identity) => ({ ...createContext(em, now, identity), kick: relay.kick }), auth, routes: [route, signInRoute(orm, villageAccounts, auth), changePasswordRoute(orm, villageAccounts, auth), accountStatusRoute(orm, villageAccounts, auth)], port: config.port, host: config.host, clock: config.clock, tasks: [task, supervisionTask(orm, config.clock), relay.task] });
  // The relay finishes what it is sending before the database closes.
  return { ...server, relay, syncCatalogue: () => replica.sync(), stop: () => relay.close().then(() => server.stop()) };
}
