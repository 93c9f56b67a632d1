import { createServer as createCountyServer } from '@scf/county';
import { createServer as createTownshipServer } from '@scf/township';
import { createServer as createVillageServer } from '@scf/village';
import { createGateway, type RunningGateway } from '@scf/gateway';
import type { Level, RunningSubgraph } from '@scf/kit';
import type { ReplicaSubgraph } from '@scf/catalogue';

export interface FederationConfig {
  databaseUrls: Record<Level, string>;
  /** 0 (the default) picks free ports; npm start uses 4000–4003. */
  ports?: { gateway?: number; county?: number; township?: number; village?: number };
  host?: string;
  /** The time every subgraph believes it is (tests move it to watch deadlines pass). */
  clock?: () => Date;
  /** How often townships and villages pull the catalogue from the county (default 30000 ms). */
  catalogueSyncIntervalMs?: number;
}

export interface RunningFederation {
  gateway: RunningGateway;
  county: RunningSubgraph;
  township: ReplicaSubgraph;
  village: ReplicaSubgraph;
  /** Makes township and village pull the county's catalogue now (after seeding or a catalogue change). */
  syncCatalogues(): Promise<{ applied: number }>;
  stop(): Promise<void>;
}

/** Starts the three subgraphs, each on its own database, and a gateway over them, all over real HTTP. */
export async function startFederation(config: FederationConfig): Promise<RunningFederation> {
  const host = config.host ?? '127.0.0.1';
  const ports = config.ports ?? {};
  // The county first: townships and villages pull their catalogue replica from it as they start.
  const county = await createCountyServer({ databaseUrl: config.databaseUrls.COUNTY, port: ports.county ?? 0, host, clock: config.clock });
  const replica = { countyInternalUrl: county.baseUrl, catalogueSyncIntervalMs: config.catalogueSyncIntervalMs };
  const [township, village] = await Promise.all([
    createTownshipServer({ databaseUrl: config.databaseUrls.TOWNSHIP, port: ports.township ?? 0, host, clock: config.clock, ...replica }),
    createVillageServer({ databaseUrl: config.databaseUrls.VILLAGE, port: ports.village ?? 0, host, clock: config.clock, ...replica }),
  ]).catch(async (e) => {
    await county.stop();
    throw e;
  });
  const gateway = await createGateway({
    subgraphUrls: { county: county.url, township: township.url, village: village.url },
    port: ports.gateway ?? 0,
    host,
  });
  return {
    gateway, county, township, village,
    async syncCatalogues() {
      const [t, v] = await Promise.all([township.syncCatalogue(), village.syncCatalogue()]);
      return { applied: t.applied + v.applied };
    },
    async stop() {
      await gateway.stop();
      await Promise.all([county.stop(), township.stop(), village.stop()]);
    },
  };
}
