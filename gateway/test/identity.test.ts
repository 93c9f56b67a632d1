import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signStaffToken } from '@scf/auth';
import { ACCOUNTS, AUTH, DEACTIVATED, PASSWORD, graphql, signIn, startFederation, type Federation } from './stand-ins.js';

const ECHO = '{ echo { authorization clientIp credentialValid headerNames } }';
const clerk = ACCOUNTS['140925100207.a']!;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a GraphQL request’s identity, as the gateway passes it on', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());
  beforeEach(() => fed.forget());

  it('reaches the subgraph with the gateway credential and the client’s bearer token, unchanged', async () => {
    const { token } = (await signIn(fed, { username: clerk.username, password: PASSWORD })).json;
    const res = await graphql(fed, ECHO, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.json.data.echo).toMatchObject({ authorization: `Bearer ${token}`, clientIp: '127.0.0.1', credentialValid: true });
  });

  it('refuses the token of an account deactivated since it signed in, and the subgraph receives nothing', async () => {
    const { token } = (await signIn(fed, { username: clerk.username, password: PASSWORD })).json;
    DEACTIVATED.add(clerk.username);
    try {
      // A gateway that asks on every request (accountCheckMs 0) sees the change at once.
      const strict = await startFederation({ accountCheckMs: 0 });
      try {
        const res = await graphql(strict, ECHO, { authorization: `Bearer ${token}` });
        expect(res.status).toBe(401);
        expect(res.json.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('deactivated') });
        expect(strict.received().filter((r) => r.path === '/graphql')).toHaveLength(0);
      } finally {
        await strict.stop();
      }
    } finally {
      DEACTIVATED.delete(clerk.username);
    }
  });

  it('is anonymous without a token: the request goes through with the credential and no authorization', async () => {
    const res = await graphql(fed, ECHO);
    expect(res.status).toBe(200);
    expect(res.json.data.echo).toMatchObject({ authorization: null, clientIp: '127.0.0.1', credentialValid: true });
  });

  it('never passes on a client’s own x-scf-gateway, x-scf-client-ip, forwarding address, cookie or any other header', async () => {
    const res = await graphql(fed, ECHO, {
      'x-scf-gateway': 'forged-credential',
      'x-scf-client-ip': '203.0.113.66',
      'x-forwarded-for': '203.0.113.77',
      cookie: 'session=stolen',
      'x-anything': 'else',
    });
    const echo = res.json.data.echo;
    expect(echo.credentialValid).toBe(true);
    expect(echo.clientIp).toBe('127.0.0.1');
    expect(echo.headerNames).not.toContain('cookie');
    expect(echo.headerNames).not.toContain('x-forwarded-for');
    expect(echo.headerNames).not.toContain('x-anything');
    const [received] = fed.county.received;
    expect(received!.headers['x-scf-gateway']).not.toMatch(/forged/);
    expect(received!.headers['x-scf-client-ip']).toBe('127.0.0.1');
  });

  it('passes the same identity to every subgraph a query plan reaches', async () => {
    const { token } = (await signIn(fed, { username: clerk.username, password: PASSWORD })).json;
    fed.forget();
    const res = await graphql(fed, '{ county(code: "140925") { name townships { name villages { name } } } }', { authorization: `Bearer ${token}` });
    expect(res.json.data.county.townships[0].villages).toEqual([{ name: '秃峦妥村' }]);
    const calls = fed.received();
    expect(calls.map((c) => c.path)).toEqual(['/graphql', '/graphql', '/graphql']);
    for (const call of calls) {
      expect(call.headers.authorization).toBe(`Bearer ${token}`);
      expect(call.headers['x-scf-client-ip']).toBe('127.0.0.1');
    }
  });

  describe('a token the gateway cannot trust refuses the whole request with 401 UNAUTHENTICATED, and no subgraph hears of it', () => {
    const refused = async (authorization: string, message: RegExp) => {
      const res = await graphql(fed, ECHO, { authorization });
      expect(res.status).toBe(401);
      expect(res.json.data).toBeUndefined();
      expect(res.json.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer .*invalid_token/);
      expect(fed.received()).toEqual([]);
    };

    it('one signed with another secret', async () => {
      const { token } = await signStaffToken(clerk, 'someone-elses-secret-of-at-least-32-characters', 60);
      await refused(`Bearer ${token}`, /not valid/);
    });

    it('an expired one, saying it has expired', async () => {
      const { token } = await signStaffToken(clerk, AUTH.staffSecret, 60, new Date(Date.now() - 2 * 3600_000));
      await refused(`Bearer ${token}`, /expired/);
    });

    it('one with algorithm "none"', async () => {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: 'scf', aud: 'scf-staff', sub: '140925.director', name: '王主任', lvl: 'COUNTY', pt: '140925', cty: '140925', roles: ['DIRECTOR'], iat: now, exp: now + 3600 })}.`;
      await refused(`Bearer ${unsigned}`, /not valid/);
    });

    it('one whose claims were changed after signing', async () => {
      const { token } = await signStaffToken(clerk, AUTH.staffSecret, 60);
      const [header, , signature] = token.split('.');
      const now = Math.floor(Date.now() / 1000);
      const promoted = base64url({ iss: 'scf', aud: 'scf-staff', sub: clerk.username, name: clerk.name, lvl: 'COUNTY', pt: '140925', cty: '140925', roles: ['DIRECTOR'], iat: now, exp: now + 3600 });
      await refused(`Bearer ${header}.${promoted}.${signature}`, /not valid/);
    });

    it('garbage', async () => {
      await refused('Bearer garbage', /not valid/);
    });

    it('an authorization header that is not a bearer token', async () => {
      await refused('Basic dXNlcjpwYXNz', /Bearer <token>/);
    });
  });
});

describe('the client’s address behind a reverse proxy', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation({ trustProxy: 1 });
  });
  afterAll(() => fed?.stop());

  it('is taken from X-Forwarded-For only when the gateway is told a proxy stands in front of it, one hop back', async () => {
    const res = await graphql(fed, ECHO, { 'x-forwarded-for': '203.0.113.1, 198.51.100.7' });
    // The proxy appended the address it saw (198.51.100.7); the first entry is whatever the client wrote.
    expect(res.json.data.echo.clientIp).toBe('198.51.100.7');
    expect(res.json.data.echo.headerNames).not.toContain('x-forwarded-for');
  });
});
