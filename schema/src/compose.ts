import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import { typeDefs as county } from '@scf/county/schema';
import { typeDefs as township } from '@scf/township/schema';
import { typeDefs as village } from '@scf/village/schema';

/** The default URLs recorded in the supergraph; the gateway replaces them from its configuration. */
export const defaultSubgraphUrls = {
  county: 'http://127.0.0.1:4001/graphql',
  township: 'http://127.0.0.1:4002/graphql',
  village: 'http://127.0.0.1:4003/graphql',
} as const;

export type SubgraphName = keyof typeof defaultSubgraphUrls;

export const subgraphs: { name: SubgraphName; typeDefs: DocumentNode }[] = [
  { name: 'county', typeDefs: county },
  { name: 'township', typeDefs: township },
  { name: 'village', typeDefs: village },
];

export interface Composition {
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

export function compose(): Composition {
  const result = composeServices(subgraphs.map((s) => ({ ...s, url: defaultSubgraphUrls[s.name] })));
  const hints = (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { errors: result.errors.map((e) => e.message), hints };
  return { supergraphSdl: result.supergraphSdl, errors: [], hints };
}
