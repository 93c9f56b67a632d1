import { county as countyLevel } from '@scf/county';
import { township as townshipLevel } from '@scf/township';
import { village as villageLevel } from '@scf/village';
import { createGateway, type RunningGateway } from '@scf/gateway';
import type { Level, MountedLevel, SubgraphModule } from '@scf/kit';
import { composeSubgraphs } from '@scf/schema/compose';
import { authConfigFromEnv, type AuthConfig } from '@scf/auth';

type Running<L extends { createServer(...args: never[]): Promise<unknown> }> = Awaited<ReturnType<L['createServer']>>;

export interface FederationConfig {
  databaseUrls: Record<Level, string>;
  /** 0 (the default) picks free ports; npm start uses 4000–4003. */
  ports?: { gateway?: number; county?: number; township?: number; village?: number };
  host?: string;
  /** The time every subgraph believes it is (tests move it to watch deadlines pass). */
  clock?: () => Date;
  /** How often townships and villages pull the catalogue from the county (default 30000 ms). */
  catalogueSyncIntervalMs?: number;
  /** How often each level's relay looks for hand-overs besides the kick after each commit. */
  relayEveryMs?: number;
  /** Secrets shared by the gateway and the subgraphs; default authConfigFromEnv(). */
  auth?: AuthConfig;
  /** How long the gateway trusts an account's status (see gateway accountCheckMs). */
  accountCheckMs?: number;
  /** The built web site the gateway serves at `/` (see @scf/web buildWeb). */
  webRoot?: string;
  /**
   * Other levels to run in place of the standard ones — e.g. a level that mounts one module more; the
   * gateway then serves a supergraph composed from the levels as they are, not the checked-in one.
   */
  levels?: Partial<Record<'county' | 'township' | 'village', MountedLevel<readonly SubgraphModule<any, any>[]>>>;
  /** The gateway in production mode (see GatewayConfig.production); default NODE_ENV === 'production'. */
  production?: boolean;
}

export interface RunningFederation {
  gateway: RunningGateway;
  county: Running<typeof countyLevel>;
  township: Running<typeof townshipLevel>;
  village: Running<typeof villageLevel>;
  /** Makes township and village pull the county's catalogue now (after seeding or a catalogue change). */
  syncCatalogues(): Promise<{ applied: number }>;
  /** Sends every pending hand-over now, level after level, until a round sends nothing more. */
  flushHandovers(): Promise<{ delivered: number; pending: number }>;
  /** Stops one level's subgraph (its database stays), to see the others cope with it being down. */
  stopLevel(level: 'township' | 'village' | 'county'): Promise<void>;
  /** Starts a stopped level again on the same port and database. */
  restartLevel(level: 'township' | 'village' | 'county'): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the three subgraphs, each on its own database, and a gateway over them, all over real HTTP. */
export async function startFederation(config: FederationConfig): Promise<RunningFederation> {
  const host = config.host ?? '127.0.0.1';
  const ports = config.ports ?? {};
  // The county first: townships and villages pull their catalogue replica from it as they start.
  // Hand-overs find each level where it listens; filled in as the levels start.
  const peers: Partial<Record<Level, string>> = {};
  const peerUrl = (level: Level) => {
    const url = peers[level];
    if (!url) throw new Error(`the ${level.toLowerCase()} subgraph is not running`);
    return url;
  };
  const auth = config.auth ?? authConfigFromEnv();
  const common = { host, clock: config.clock, peerUrl, relayEveryMs: config.relayEveryMs, auth };
  // A level given in their place mounts at least the standard modules (it is the standard one plus more).
  const levels = {
    county: (config.levels?.county ?? countyLevel) as typeof countyLevel,
    township: (config.levels?.township ?? townshipLevel) as typeof townshipLevel,
    village: (config.levels?.village ?? villageLevel) as typeof villageLevel,
  };
  const startCounty = (port: number) => levels.county.createServer({ databaseUrl: config.databaseUrls.COUNTY, port, ...common });
  let county = await startCounty(ports.county ?? 0);
  peers.COUNTY = county.baseUrl;
  const replica = { countyInternalUrl: county.baseUrl, catalogueSyncIntervalMs: config.catalogueSyncIntervalMs };
  const startTownship = (port: number) => levels.township.createServer({ databaseUrl: config.databaseUrls.TOWNSHIP, port, ...common, ...replica });
  const startVillage = (port: number) => levels.village.createServer({ databaseUrl: config.databaseUrls.VILLAGE, port, ...common, ...replica });
  let [township, village] = await Promise.all([startTownship(ports.township ?? 0), startVillage(ports.village ?? 0)]).catch(async (e) => {
    await county.stop();
    throw e;
  });
  peers.TOWNSHIP = township.baseUrl;
  peers.VILLAGE = village.baseUrl;
  let supergraphSdl: string | undefined;
  if (config.levels) {
    const composed = composeSubgraphs((['county', 'township', 'village'] as const).map((name) => ({ name, typeDefs: levels[name].typeDefs })));
    if (!composed.supergraphSdl || composed.hints.length) throw new Error(`the levels do not compose cleanly: ${[...composed.errors, ...composed.hints].join('; ')}`);
    supergraphSdl = composed.supergraphSdl;
  }
  const gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: { county: county.url, township: township.url, village: village.url },
    port: ports.gateway ?? 0,
    host,
    auth,
    accountCheckMs: config.accountCheckMs,
    webRoot: config.webRoot,
    production: config.production,
  });
  const stopped = new Set<'county' | 'township' | 'village'>();
  const fed: RunningFederation = {
    gateway, county, township, village,
    async flushHandovers() {
      let delivered = 0;
      let pending = 0;
      for (let round = 0; round < 20; round++) {
        const running = (['county', 'township', 'village'] as const).filter((l) => !stopped.has(l)).map((l) => fed[l]);
        // Counted across kicks too: a kick's delivery can hand a message on (a withdrawal travelling up)
        // while this round's flush of that level has already found nothing.
        const before = running.reduce((n, s) => n + s.relay.deliveredSoFar(), 0);
        const results = await Promise.all(running.map((s) => s.relay.flush()));
        const sent = running.reduce((n, s) => n + s.relay.deliveredSoFar(), 0) - before;
        delivered += sent;
        pending = results.reduce((n, r) => n + r.pending, 0);
        if (sent === 0) break;
      }
      return { delivered, pending };
    },
    async stopLevel(level) {
      stopped.add(level);
      await fed[level].stop();
    },
    async restartLevel(level) {
      if (level === 'county') fed.county = county = await startCounty(county.port);
      if (level === 'township') fed.township = township = await startTownship(township.port);
      if (level === 'village') fed.village = village = await startVillage(village.port);
      stopped.delete(level);
    },
    async syncCatalogues() {
      const [t, v] = await Promise.all([fed.township.syncCatalogue(), fed.village.syncCatalogue()]);
      return { applied: t.applied + v.applied };
    },
    async stop() {
      await gateway.stop();
      await Promise.all([fed.county.stop(), fed.township.stop(), fed.village.stop()]);
    },
  };
  return fed;
}
