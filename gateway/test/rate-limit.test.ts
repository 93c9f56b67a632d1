import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHQL_RATE_LIMITS, graphqlRateLimitsFromEnv } from '../src/index.js';
import { graphql, PASSWORD, signIn, startFederation, type Answer, type Federation } from './stand-ins.js';

const QUERY = '{ county(code: "140925") { name } }';

describe('/graphql requests are limited per client', () => {
  let fed: Federation;
  const token: Record<string, string> = {};
  beforeAll(async () => {
    // One proxy in front: each test speaks from its own address, as clients behind it would.
    fed = await startFederation({ trustProxy: 1, graphqlRateLimits: { anonymousPerMinute: 3, staffPerMinute: 4 } });
    for (const username of ['140925.director', '140925100.a']) token[username] = (await signIn(fed, { username, password: PASSWORD })).json.token;
  });
  afterAll(() => fed?.stop());
  beforeEach(() => fed.forget());

  const from = (address: string, username?: string): Promise<Answer> =>
    graphql(fed, QUERY, { 'x-forwarded-for': address, ...(username ? { authorization: `Bearer ${token[username]}` } : {}) });

  const isTooMany = (res: Answer, perMinute: number) => {
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${wait}`).toBe(true);
    expect(res.json.errors[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, limit: perMinute } });
    expect(res.json.errors[0].message).toMatch(new RegExp(`^[\\u4e00-\\u9fff].*请 ${wait} 秒后再试 / too many requests`));
  };

  it('a caller who is not signed in gets the limit, then 429 with Retry-After and a Chinese message; no subgraph hears of it', async () => {
    for (let i = 0; i < 3; i++) expect((await from('198.51.100.1')).status).toBe(200);
    fed.forget();
    isTooMany(await from('198.51.100.1'), 3);
    expect(fed.received()).toEqual([]);
  });

  it('another address is not held back by it', async () => {
    for (let i = 0; i < 3; i++) await from('198.51.100.2');
    expect((await from('198.51.100.2')).status).toBe(429);
    expect((await from('198.51.100.3')).status).toBe(200);
  });

  it('signed-in staff are counted per account, not per address: the address’s limit does not stop them, their own does', async () => {
    for (let i = 0; i < 3; i++) await from('198.51.100.4');
    expect((await from('198.51.100.4')).status).toBe(429);
    for (let i = 0; i < 4; i++) expect((await from('198.51.100.4', '140925.director')).status).toBe(200);
    isTooMany(await from('198.51.100.4', '140925.director'), 4);
    // From anywhere else: the account is the client.
    expect((await from('198.51.100.5', '140925.director')).status).toBe(429);
    // Another account at the same address has its own.
    expect((await from('198.51.100.4', '140925100.a')).status).toBe(200);
  });

  it('a token that does not verify is counted against the address, and then refused as it always was', async () => {
    for (let i = 0; i < 3; i++) expect((await graphql(fed, QUERY, { 'x-forwarded-for': '198.51.100.6', authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect((await graphql(fed, QUERY, { 'x-forwarded-for': '198.51.100.6', authorization: 'Bearer not-a-token' })).status).toBe(429);
  });
});

describe('the limits are configured', () => {
  it('by SCF_GRAPHQL_RATE_ANONYMOUS and SCF_GRAPHQL_RATE_STAFF (0 is off), else 120 and 600 a minute', () => {
    expect(graphqlRateLimitsFromEnv({})).toEqual(DEFAULT_GRAPHQL_RATE_LIMITS);
    expect(DEFAULT_GRAPHQL_RATE_LIMITS).toEqual({ anonymousPerMinute: 120, staffPerMinute: 600 });
    expect(graphqlRateLimitsFromEnv({ SCF_GRAPHQL_RATE_ANONYMOUS: '30', SCF_GRAPHQL_RATE_STAFF: '0' })).toEqual({ anonymousPerMinute: 30, staffPerMinute: 0 });
    expect(() => graphqlRateLimitsFromEnv({ SCF_GRAPHQL_RATE_ANONYMOUS: 'lots' })).toThrow(/SCF_GRAPHQL_RATE_ANONYMOUS must be a whole number/);
  });

  it('and a limit of 0 lets every request through', async () => {
    const fed = await startFederation({ graphqlRateLimits: { anonymousPerMinute: 0 } });
    try {
      for (let i = 0; i < 10; i++) expect((await graphql(fed, QUERY)).status).toBe(200);
    } finally {
      await fed.stop();
    }
  });
});
