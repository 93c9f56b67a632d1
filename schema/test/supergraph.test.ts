import { describe, expect, it } from 'vitest';
import { compose } from '../src/compose.js';
import { loadSupergraph } from '../src/index.js';

describe('the supergraph', () => {
  const result = compose();

  it('composes the county, township and village subgraphs without errors', () => {
    expect(result.errors).toEqual([]);
  });

  it('composes without a single composition hint', () => {
    expect(result.hints).toEqual([]);
  });

  it('is checked in exactly as the subgraphs compose today (run `npm run compose` after changing a subgraph)', () => {
    expect(loadSupergraph()).toBe(result.supergraphSdl);
  });
});
