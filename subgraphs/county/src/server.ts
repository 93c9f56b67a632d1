import { authConfigFromEnv, type AuthConfig } from '@scf/auth';
import { accountStatusRoute, changePasswordRoute, signInRoute } from '@scf/accounts';
import { countyAccounts } from './staff/staff.accounts.js';
import { delegation, delegationSettings, supervisionTask, type DelegationConfig } from '@scf/cases';
import type { Relay } from '@scf/handover';
import { casesHost } from './cases/cases.host.js';
import { databaseUrlFor, startSubgraph, type RunningSubgraph } from '@scf/kit';
import { openCountyDatabase } from './database.js';
import { createContext } from './context.js';
import { resolvers, typeDefs } from './schema.js';
import { internalTokenFromEnv } from '@scf/catalogue';
import { catalogueFeedRoute } from './items/item.feed.js';
import { PublicTrackingGuard, type PublicTrackingLimits } from './tracking/public-tracking.limits.js';

export interface CountyServerConfig extends DelegationConfig {
  databaseUrl?: string;
  /** Secrets for the gateway's credential and staff tokens; default authConfigFromEnv(). */
  auth?: AuthConfig;
  port?: number;
  host?: string;
  /** Injected time for tests of deadlines and lights; the real clock otherwise. */
  clock?: () => Date;
  /** Township and village subgraphs present it to pull the catalogue; env SCF_INTERNAL_TOKEN (required in production), default dev-internal-token. */
  internalToken?: string;
  /** trackMyCase's limits: default 20 lookups a minute per client, 5 wrong checks an hour per case number. */
  publicTrackingLimits?: Partial<PublicTrackingLimits>;
}

/** Opens (and migrates) the county database and serves the county subgraph. Port 0 picks a free port. */
export async function createServer(config: CountyServerConfig = {}): Promise<RunningSubgraph & { relay: Relay }> {
  // Settings first: a start without a required secret or address stops before the database is touched.
  const auth = config.auth ?? authConfigFromEnv();
  const handover = delegationSettings('COUNTY', config);
  const internalToken = config.internalToken ?? internalTokenFromEnv();
  const { orm, sql } = await openCountyDatabase(config.databaseUrl ?? databaseUrlFor('COUNTY'));
  const { relay, route } = delegation(casesHost, orm, handover);
  const publicTracking = new PublicTrackingGuard(config.publicTrackingLimits, config.clock);
  const server = await startSubgraph({ name: 'county', typeDefs, resolvers, orm, sql, context: (em, now, identity) => ({ ...createContext(em, now, identity), kick: relay.kick, publicTracking }), auth, port: config.port, host: config.host, clock: config.clock,
    routes: [catalogueFeedRoute(orm, internalToken), route, signInRoute(orm, countyAccounts, auth), changePasswordRoute(orm, countyAccounts, auth), accountStatusRoute(orm, countyAccounts, auth)],
    tasks: [supervisionTask(orm, config.clock), relay.task],
  });
  // The relay finishes what it is sending before the database closes.
  return { ...server, relay, stop: () => relay.close().then(() => server.stop()) };
}
