import { createServer as createCountyServer } from '@scf/county';
import { createServer as createTownshipServer } from '@scf/township';
import { createServer as createVillageServer } from '@scf/village';
import { createGateway, type RunningGateway } from '@scf/gateway';
import type { Level, RunningSubgraph } from '@scf/kit';

export interface FederationConfig {
  databaseUrls: Record<Level, string>;
  /** 0 (the default) picks free ports; npm start uses 4000–4003. */
  ports?: { gateway?: number; county?: number; township?: number; village?: number };
  host?: string;
}

export interface RunningFederation {
  gateway: RunningGateway;
  county: RunningSubgraph;
  township: RunningSubgraph;
  village: RunningSubgraph;
  stop(): Promise<void>;
}

/** Starts the three subgraphs, each on its own database, and a gateway over them, all over real HTTP. */
export async function startFederation(config: FederationConfig): Promise<RunningFederation> {
  const host = config.host ?? '127.0.0.1';
  const ports = config.ports ?? {};
  const [county, township, village] = await Promise.all([
    createCountyServer({ databaseUrl: config.databaseUrls.COUNTY, port: ports.county ?? 0, host }),
    createTownshipServer({ databaseUrl: config.databaseUrls.TOWNSHIP, port: ports.township ?? 0, host }),
    createVillageServer({ databaseUrl: config.databaseUrls.VILLAGE, port: ports.village ?? 0, host }),
  ]);
  const gateway = await createGateway({
    subgraphUrls: { county: county.url, township: township.url, village: village.url },
    port: ports.gateway ?? 0,
    host,
  });
  return {
    gateway, county, township, village,
    async stop() {
      await gateway.stop();
      await Promise.all([county.stop(), township.stop(), village.stop()]);
    },
  };
}
