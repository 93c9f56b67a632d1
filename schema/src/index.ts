import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { defaultSubgraphUrls, type SubgraphName } from './compose.js';

export const supergraphPath = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

/** The checked-in supergraph the gateway serves. */
export function loadSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}
