import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, LIST_SIZES, type RunningGateway } from '../src/index.js';
import { AUTH, request } from './stand-ins.js';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const isList = (t: TypeRef | null): boolean => !!t && (t.kind === 'LIST' || (t.kind === 'NON_NULL' && isList(t.ofType)));

describe('the cost model knows how long every list of the public schema is', () => {
  let gateway: RunningGateway;
  let lists: string[];
  beforeAll(async () => {
    // The real supergraph; introspection is answered by the gateway itself, so no subgraph need run.
    gateway = await createGateway({ subgraphUrls: { county: 'http://127.0.0.1:9/graphql', township: 'http://127.0.0.1:9/graphql', village: 'http://127.0.0.1:9/graphql' }, auth: AUTH, production: false, trustProxy: false });
    const res = await request(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name kind fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }' }),
    });
    const types = res.json.data.__schema.types as { name: string; kind: string; fields: { name: string; type: TypeRef }[] | null }[];
    lists = types.filter((t) => t.kind === 'OBJECT' && !t.name.startsWith('__')).flatMap((t) => (t.fields ?? []).filter((f) => isList(f.type)).map((f) => `${t.name}.${f.name}`));
  });
  afterAll(() => gateway?.stop());

  it('has a size for each list field, so a new one is sized when it is added rather than by default', () => {
    expect(lists.length).toBeGreaterThan(50);
    expect(lists.filter((f) => !(f in LIST_SIZES))).toEqual([]);
  });

  it('names no field the schema does not have', () => {
    expect(Object.keys(LIST_SIZES).filter((f) => !lists.includes(f))).toEqual([]);
  });

  it('sizes the divisions and the catalogue as a real county has them', () => {
    expect(LIST_SIZES['County.townships']).toBeGreaterThanOrEqual(15);
    expect(LIST_SIZES['Township.villages']).toBeGreaterThanOrEqual(10);
    expect(LIST_SIZES['Village.itemsTakenIn']).toBeGreaterThanOrEqual(100);
  });
});
