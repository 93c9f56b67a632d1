import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/index.js';
import { graphql, PASSWORD, request, signIn, startFederation, type Answer, type Federation } from './stand-ins.js';

/** Every answer a test in this file received: the last test checks none of them carries a stack trace. */
const answers: Answer[] = [];
const seen = async (answer: Promise<Answer>) => {
  const a = await answer;
  answers.push(a);
  return a;
};

const INTROSPECTION = '{ __schema { queryType { name } types { name } } }';

/** `{ county { townships { county { townships … } } } }`, `levels` selections deep. */
function nested(levels: number): string {
  let inner = 'code';
  for (let i = levels - 1; i >= 1; i--) inner = `${i === 1 ? 'county(code: "140925")' : i % 2 === 0 ? 'townships' : 'county'} { ${inner} }`;
  return `{ ${inner} }`;
}

describe('the gateway’s limits on one GraphQL request', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());
  beforeEach(() => fed.forget());

  const refused = async (query: string, status: number, message: RegExp) => {
    const res = await seen(graphql(fed, query));
    expect(res.status).toBe(status);
    expect(res.json.data).toBeUndefined();
    expect(res.json.errors[0].message).toMatch(message);
    expect(fed.received()).toEqual([]);
    return res;
  };

  it('lets through the deepest real shape of query: county → townships → villages → their township → its county', async () => {
    const res = await seen(graphql(fed, '{ county(code: "140925") { townships { villages { township { county { code } } } } } }'));
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
  });

  it(`refuses a query nested deeper than ${QUERY_LIMITS.depth} levels, saying what the limit is`, async () => {
    // Signed in: its three nested lists of a county's townships (~27,000 rows) cost more than a caller who is
    // not signed in may ask at once; the depth limit is the same for everyone.
    const { token } = (await signIn(fed, { username: '140925.director', password: PASSWORD })).json;
    expect((await seen(graphql(fed, nested(QUERY_LIMITS.depth), { authorization: `Bearer ${token}` }))).json.errors).toBeUndefined();
    fed.forget();
    const res = await refused(nested(QUERY_LIMITS.depth + 1), 400, new RegExp(`depth limit of ${QUERY_LIMITS.depth} exceeded, found ${QUERY_LIMITS.depth + 1}\\. Ask for less`));
    expect(res.json.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: QUERY_LIMITS.depth });
  });

  it('does not count fragments as levels', async () => {
    const query = `{ county(code: "140925") { ...C } } fragment C on County { townships { ...T } } fragment T on Township { villages { ...V } } fragment V on Village { code }`;
    expect((await seen(graphql(fed, query))).json.errors).toBeUndefined();
  });

  it(`refuses more than ${QUERY_LIMITS.aliases} aliases (one request asking for the same thing over and over)`, async () => {
    const flood = Array.from({ length: QUERY_LIMITS.aliases + 1 }, (_, i) => `a${i}: county(code: "140925") { name }`).join(' ');
    await refused(`{ ${flood} }`, 400, new RegExp(`Aliases limit of ${QUERY_LIMITS.aliases} exceeded, found ${QUERY_LIMITS.aliases + 1}`));
  });

  it(`refuses a document of more than ${QUERY_LIMITS.tokens} tokens before parsing the rest of it`, async () => {
    const res = await refused(`{ county(code: "140925") { ${'code '.repeat(QUERY_LIMITS.tokens)} } }`, 400, new RegExp(`^查询过长.* / The query has more than ${QUERY_LIMITS.tokens} tokens`));
    expect(res.json.errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens', max: QUERY_LIMITS.tokens });
  });

  it('refuses a query whose cost is over the limit: a list asked for 100,000 at a time', async () => {
    await refused('{ county(code: "140925") { townships(first: 100000) { code name county { code name } } } }', 400, /Cost limit of 25000 exceeded/);
  });

  it(`refuses more than ${QUERY_LIMITS.directives} directives`, async () => {
    await refused(`{ county(code: "140925") { code ${'@include(if: true) '.repeat(QUERY_LIMITS.directives + 1)} } }`, 400, /Directives limit/);
  });

  it('refuses a body over 64 kB with 413 and a GraphQL error', async () => {
    const res = await refused(`{ county(code: "${'x'.repeat(65 * 1024)}") { code } }`, 413, /larger than this route accepts \(64 kB\)/);
    expect(res.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a batch of operations in one request', async () => {
    const res = await seen(request(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ county(code: "140925") { code } }' }, { query: '{ county(code: "140925") { name } }' }]) }));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/batching/i);
    expect(fed.received()).toEqual([]);
  });

  it('refuses a body that is not JSON with 400 and says so', async () => {
    const res = await seen(request(fed.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ county' }));
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toEqual({ message: '请求内容不是有效的 JSON / The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } });
  });
});

describe('cross-site request forgery', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());
  beforeEach(() => fed.forget());
  const get = (headers: Record<string, string> = {}) => seen(request(`${fed.gateway.url}?query=${encodeURIComponent('{ county(code: "140925") { name } }')}`, { headers }));

  it('refuses a GET without the apollo-require-preflight header, which a cross-site page cannot send', async () => {
    const res = await get();
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    expect(fed.received()).toEqual([]);
  });

  it('refuses a simple form-style POST (text/plain, form-encoded) without that header', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await seen(request(fed.gateway.url, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query: '{ county(code: "140925") { name } }' }) }));
      expect(res.status).toBe(400);
      expect(res.json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    }
    expect(fed.received()).toEqual([]);
  });

  it('answers a GET that carries the header', async () => {
    const res = await get({ 'apollo-require-preflight': 'true' });
    expect(res.status).toBe(200);
    expect(res.json.data.county.name).toBe('宁武县');
  });
});

describe('introspection and field suggestions', () => {
  let production: Federation;
  let development: Federation;
  let productionWithIntrospection: Federation;
  beforeAll(async () => {
    [production, development, productionWithIntrospection] = await Promise.all([
      startFederation({ production: true }),
      startFederation({ production: false }),
      startFederation({ production: true, introspection: true }),
    ]);
  });
  afterAll(() => Promise.all([production, development, productionWithIntrospection].map((f) => f?.stop())));

  it('refuses introspection in production', async () => {
    const res = await seen(graphql(production, INTROSPECTION));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toMatch(/introspection is not allowed/);
    expect(res.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers introspection in development, and in production when configured to', async () => {
    for (const fed of [development, productionWithIntrospection]) {
      const res = await seen(graphql(fed, INTROSPECTION));
      expect(res.status).toBe(200);
      expect(res.json.data.__schema.queryType.name).toBe('Query');
    }
  });

  it('hides "Did you mean …?" in production, so the schema cannot be guessed field by field', async () => {
    const prod = await seen(graphql(production, '{ countyy(code: "140925") { nam } }'));
    expect(prod.status).toBe(400);
    expect(prod.json.errors[0].message).toBe('查询不合规定（字段不存在，或查询过大、过深），请联系系统管理员 / Cannot query field "countyy" on type "Query".');
    expect(prod.text).not.toMatch(/Did you mean/);
    const dev = await seen(graphql(development, '{ countyy(code: "140925") { nam } }'));
    expect(dev.json.errors[0].message).toMatch(/Did you mean "county"\?/);
  });
});

describe('every answer', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation({ production: true });
  });
  afterAll(() => fed?.stop());
  const url = (path: string) => fed.gateway.url.replace('/graphql', path);

  it('of the API carries nosniff, no-referrer, a closed content policy and no-store', async () => {
    for (const res of [await seen(graphql(fed, '{ county(code: "140925") { name } }')), await seen(request(url('/auth/me'))), await seen(request(url('/health')))]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('elsewhere leaves the content policy to the web app that will be served at /', async () => {
    const res = await seen(request(url('/')));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('to a request the gateway refuses is JSON a client can show, never HTML or a stack trace', async () => {
    const refusals = await Promise.all([
      request(url('/nowhere')),
      request(url('/graphql'), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' }),
      request(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[[[' }),
      request(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' }),
      request(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      request(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ county(' }) }),
      request(url('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($c: String!) { county(code: $c) { name } }', variables: { c: 12 } }) }),
      request(url('/graphql'), { method: 'POST', headers: { 'content-type': 'text/plain', 'apollo-require-preflight': '1' }, body: 'hello' }),
      request(url('/auth/sign-in'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
      request(url('/auth/sign-in'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"just a string"' }),
      signIn(fed, { username: '140925.nobody', password: 'x' }),
    ]);
    for (const res of refusals) {
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/json/);
      const message = res.json.error ?? res.json.errors?.[0]?.message;
      expect(typeof message, res.text).toBe('string');
    }
    answers.push(...refusals);
  });

  it('(of all in this file) carries no stack trace, file path or exception dump', () => {
    expect(answers.length).toBeGreaterThan(25);
    for (const { text } of answers) expect(text).not.toMatch(/stacktrace|"exception"|\n\s+at |node_modules|\.[jt]s:\d+/);
  });
});
