import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import { county } from '@scf/county';
import { township } from '@scf/township';
import { village } from '@scf/village';

/** The default URLs recorded in the supergraph; the gateway replaces them from its configuration. */
export const defaultSubgraphUrls = {
  county: 'http://127.0.0.1:4001/graphql',
  township: 'http://127.0.0.1:4002/graphql',
  village: 'http://127.0.0.1:4003/graphql',
} as const;

export type SubgraphName = keyof typeof defaultSubgraphUrls;

export const subgraphs: { name: SubgraphName; typeDefs: DocumentNode }[] = [
  { name: 'county', typeDefs: county.typeDefs },
  { name: 'township', typeDefs: township.typeDefs },
  { name: 'village', typeDefs: village.typeDefs },
];

export interface Composition {
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

/** The checked-in levels' supergraph (the schema test holds the checked-in file to it). */
export function compose(): Composition {
  return composeSubgraphs(subgraphs);
}

/** A supergraph of other subgraph schemas, e.g. levels that mount one module more (tests of the module contract). */
export function composeSubgraphs(list: { name: SubgraphName; typeDefs: DocumentNode }[]): Composition {
  const result = composeServices(list.map((s) => ({ ...s, url: defaultSubgraphUrls[s.name] })));
  const hints = (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { errors: result.errors.map((e) => e.message), hints };
  return { supergraphSdl: result.supergraphSdl, errors: [], hints };
}
