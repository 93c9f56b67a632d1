import { defaultSubgraphUrls, type SubgraphName } from '@scf/schema';

export type SubgraphUrls = Record<SubgraphName, string>;

/** Subgraph URLs from the environment (COUNTY_URL, TOWNSHIP_URL, VILLAGE_URL), else the local defaults. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): SubgraphUrls {
  return {
    county: env.COUNTY_URL ?? defaultSubgraphUrls.county,
    township: env.TOWNSHIP_URL ?? defaultSubgraphUrls.township,
    village: env.VILLAGE_URL ?? defaultSubgraphUrls.village,
  };
}
