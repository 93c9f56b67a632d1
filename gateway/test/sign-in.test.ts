import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_CREDENTIAL_HEADER, verifyGatewayCredential, verifyStaffToken } from '@scf/auth';
import { WRONG_CREDENTIALS } from '../src/index.js';
import { ACCOUNTS, AUTH, PASSWORD, request, signIn, startFederation, supergraphOf, type Federation } from './stand-ins.js';

describe('signing in', () => {
  let fed: Federation;
  beforeAll(async () => {
    // Every attempt here comes from 127.0.0.1: the per-address limit is raised so that the tests below see
    // the per-username one (the per-address one has its own test).
    fed = await startFederation({ signInLimits: { perClientIp: { attempts: 1000, windowMs: 60_000 } } });
  });
  afterAll(() => fed?.stop());
  beforeEach(() => fed.forget());

  it('answers a token that verifies and names the member of staff, with when it expires', async () => {
    const before = Date.now();
    const res = await signIn(fed, { username: '140925100207.a', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json.staff).toEqual(ACCOUNTS['140925100207.a']);
    expect(await verifyStaffToken(res.json.token, AUTH.staffSecret)).toEqual(ACCOUNTS['140925100207.a']);
    const expires = new Date(res.json.expiresAt).getTime();
    expect(res.json.expiresAt).toBe(new Date(expires).toISOString());
    expect(expires - before).toBeGreaterThan(59 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(61 * 60_000);
  });

  it('asks only the subgraph of the level the username names, with the gateway credential and the client address', async () => {
    await signIn(fed, { username: '140925100.a', password: PASSWORD });
    expect(fed.county.received).toEqual([]);
    expect(fed.village.received).toEqual([]);
    const [call] = fed.township.received;
    expect(call!.path).toBe('/internal/sign-in');
    expect(call!.body).toEqual({ username: '140925100.a', password: PASSWORD });
    expect(await verifyGatewayCredential(call!.headers[GATEWAY_CREDENTIAL_HEADER] as string, AUTH.gatewaySecret)).toBe(true);
    expect(call!.headers['x-scf-client-ip']).toBe('127.0.0.1');
  });

  it('signs in county staff too, whatever case and spaces the username was typed with', async () => {
    const res = await signIn(fed, { username: ' 140925.Director ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json.staff.roles).toEqual(['DIRECTOR']);
  });

  it('gives one message for a wrong password, an unknown user and a username of the wrong form', async () => {
    const wrongPassword = await signIn(fed, { username: '140925100207.a', password: 'not the password' });
    const unknownUser = await signIn(fed, { username: '140925100207.nobody', password: PASSWORD });
    const badForm = await signIn(fed, { username: 'admin', password: PASSWORD });
    for (const res of [wrongPassword, unknownUser, badForm]) {
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: WRONG_CREDENTIALS, code: 'UNAUTHENTICATED' });
    }
    expect(fed.received().map((r) => r.body)).not.toContainEqual({ username: 'admin', password: PASSWORD });
  });

  it('refuses the sixth failed attempt for one username for 15 minutes, even with the right password, and says when to come back', async () => {
    for (let i = 1; i <= 5; i++) expect((await signIn(fed, { username: '140925100.a', password: `guess ${i}` })).status).toBe(401);
    const sixth = await signIn(fed, { username: '140925100.a', password: PASSWORD });
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sixth.json.error).toMatch(/15 min/);
    expect(sixth.json.retryAfterSeconds).toBe(retryAfter);
    expect(new Date(sixth.json.retryAt).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // The refused attempt never reached the subgraph; another member of staff signs in as usual.
    expect(fed.township.received).toHaveLength(5);
    expect((await signIn(fed, { username: '140925.director', password: PASSWORD })).status).toBe(200);
  });

  it('lets at most 5 of a burst of 20 parallel guesses at one username reach the subgraph', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(fed, { username: '140925.w08.a', password: `guess ${i}` })));
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(fed.county.received.length).toBeLessThanOrEqual(5);
    // Guessing on one at a time, the username is locked after exactly five guesses in all.
    for (let i = 0; i < 6 && (await signIn(fed, { username: '140925.w08.a', password: `late guess ${i}` })).status === 401; i++);
    expect(fed.county.received).toHaveLength(5);
    expect((await signIn(fed, { username: '140925.w08.a', password: 'one more' })).status).toBe(429);
  });

  it('forgets a username’s failures when it signs in successfully', async () => {
    expect((await signIn(fed, { username: '140925100207.a', password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < 4; i++) await signIn(fed, { username: '140925100207.a', password: 'wrong' });
    expect((await signIn(fed, { username: '140925100207.a', password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await signIn(fed, { username: '140925100207.a', password: 'wrong' })).status).toBe(401);
  });

  it('answers 400 with what to send for a body that is not JSON, or lacks the username or password', async () => {
    const url = fed.gateway.url.replace('/graphql', '/auth/sign-in');
    const form = await request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b' });
    expect(form.status).toBe(400);
    expect(form.json.error).toMatch(/JSON/);
    const broken = await signIn(fed, '{"username": ');
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatch(/not valid JSON/);
    for (const body of [{}, { username: '140925.director' }, { password: PASSWORD }, { username: 42, password: PASSWORD }, [1, 2]]) {
      const res = await signIn(fed, body);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatch(/username.*password/);
    }
    expect(fed.received()).toEqual([]);
  });

  it('refuses a sign-in body over 4 kB with 413', async () => {
    const res = await signIn(fed, { username: '140925.director', password: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatch(/larger than this route accepts \(4 kB\)/);
  });

  it('answers GET /auth/sign-in with 405 and how to sign in', async () => {
    const res = await request(fed.gateway.url.replace('/graphql', '/auth/sign-in'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('sign-in attempts from one address', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation({ signInLimits: { perClientIp: { attempts: 3, windowMs: 60_000 } } });
  });
  afterAll(() => fed?.stop());

  it('are refused with 429 past the limit, whichever usernames they try', async () => {
    for (const username of ['140925.a', '140925.b', '140925.c']) expect((await signIn(fed, { username, password: 'x' })).status).toBe(401);
    const fourth = await signIn(fed, { username: '140925.director', password: PASSWORD });
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fourth.json.error).toMatch(/from this address/);
  });
});

describe('signing in while a level’s subgraph is down', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
    await fed.village.stop();
  });
  afterAll(() => fed?.stop());

  it('answers 503 saying that level cannot sign anyone in now, and does not count it against the username', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await signIn(fed, { username: '140925100207.a', password: PASSWORD });
      expect(res.status).toBe(503);
      expect(res.json.error).toMatch(/village level's system is not answering/);
    }
    // The other levels sign in as usual.
    expect((await signIn(fed, { username: '140925100.a', password: PASSWORD })).status).toBe(200);
  });
});

describe('signing in at a subgraph that does not know the gateway’s secret', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
    await fed.gateway.stop();
    // The same subgraphs, behind a gateway whose credential they cannot verify.
    const { createGateway } = await import('../src/index.js');
    const urls = { county: fed.county.url, township: fed.township.url, village: fed.village.url };
    fed.gateway = await createGateway({ subgraphUrls: urls, supergraphSdl: supergraphOf(urls), auth: { ...AUTH, gatewaySecret: 'another-gateway-secret-of-at-least-32-chars' }, production: false });
  });
  afterAll(() => fed?.stop());

  it('answers 503 (a fault of the system, not of the password) rather than "wrong password"', async () => {
    const res = await signIn(fed, { username: '140925.director', password: PASSWORD });
    expect(res.status).toBe(503);
    expect(res.json.error).toMatch(/refused the gateway/);
  });
});

describe('GET /auth/me', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());
  const me = (authorization?: string) => request(fed.gateway.url.replace('/graphql', '/auth/me'), { headers: authorization ? { authorization } : {} });

  it('answers who the bearer token names and when it expires', async () => {
    const { json } = await signIn(fed, { username: '140925100.a', password: PASSWORD });
    const res = await me(`Bearer ${json.token}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ staff: ACCOUNTS['140925100.a'], expiresAt: json.expiresAt });
  });

  it('answers 401 without a token, or with one that does not verify', async () => {
    const none = await me();
    expect(none.status).toBe(401);
    expect(none.json.error).toMatch(/Sign in first/);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const garbage = await me('Bearer not.a.token');
    expect(garbage.status).toBe(401);
    expect(garbage.json.error).toMatch(/not valid/);
  });
});
