import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

const COUNTY = '140925';
const VILLAGE = '140925100207';

describe('signing in through the gateway', () => {
  let fed: TestFederation;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
  });
  afterAll(() => fed?.close());

  it('a village clerk signs in with their password and receives a token naming their village and role', async () => {
    const { status, body } = await fed.signIn(`${VILLAGE}.a`);
    expect(status).toBe(200);
    expect(body.staff).toMatchObject({ username: `${VILLAGE}.a`, level: 'VILLAGE', pointCode: VILLAGE, countyCode: COUNTY, roles: ['CLERK'] });
    expect(typeof body.token).toBe('string');
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('a wrong password and an unknown account get the same refusal', async () => {
    const wrong = await fed.signIn(`${VILLAGE}.a`, 'not-the-password');
    const unknown = await fed.signIn(`${VILLAGE}.zz`, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('staff of every level sign in', async () => {
    for (const [username, level] of [[`${COUNTY}.director`, 'COUNTY'], [`${COUNTY}100.d1.a`, 'TOWNSHIP'], [`${VILLAGE}.b`, 'VILLAGE']] as const) {
      const { status, body } = await fed.signIn(username);
      expect(status, username).toBe(200);
      expect(body.staff.level).toBe(level);
    }
  });

  describe('changing one’s own password', () => {
    const change = async (token: string | null, body: object) => {
      const res = await fetch(`${fed.gatewayOrigin}/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('a clerk changes their password: the old one no longer signs in, the new one does', async () => {
      const user = `${VILLAGE}.b`;
      const { body } = await fed.signIn(user);
      expect(await change(body.token, { currentPassword: 'demo-pass-2026', newPassword: '新密码-village-2026' })).toEqual({ status: 200, body: { changed: true } });
      expect((await fed.signIn(user)).status).toBe(401);
      expect((await fed.signIn(user, '新密码-village-2026')).status).toBe(200);
    });

    it('refuses a wrong current password, a weak new one, and a caller who is not signed in', async () => {
      const { body } = await fed.signIn(`${COUNTY}.w02.a`);
      expect(await change(body.token, { currentPassword: 'wrong-password', newPassword: 'another-good-password' })).toMatchObject({ status: 401 });
      const weak = await change(body.token, { currentPassword: 'demo-pass-2026', newPassword: '12345678901' });
      expect(weak).toMatchObject({ status: 400, body: { error: expect.stringContaining('digits') } });
      expect(await change(null, { currentPassword: 'demo-pass-2026', newPassword: 'another-good-password' })).toMatchObject({ status: 401 });
      expect((await fed.signIn(`${COUNTY}.w02.a`)).status).toBe(200);
    });
  });

  describe('failed sign-ins are counted per address and username', () => {
    /** POST /auth/sign-in from another address of this machine (the loopback network is 127.0.0.0/8). */
    const signInFrom = (address: string, username: string, password: string) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const url = new URL('/auth/sign-in', fed.gatewayOrigin);
        const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: address, headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ username, password }));
      });

    it('five wrong passwords from one address lock that address out of the account, not its owner at another', async () => {
      const owner = `${COUNTY}.w03.a`;
      for (let i = 1; i <= 5; i++) expect((await signInFrom('127.0.0.2', owner, `guess ${i}`)).status).toBe(401);
      const sixth = await signInFrom('127.0.0.2', owner, 'demo-pass-2026');
      expect(sixth).toMatchObject({ status: 429, body: { code: 'TOO_MANY_ATTEMPTS' } });
      // The owner, at their own window's address, signs in as usual.
      const own = await signInFrom('127.0.0.3', owner, 'demo-pass-2026');
      expect(own.status).toBe(200);
      expect(own.body.staff.username).toBe(owner);
    });

    it('one address trying many accounts is still stopped by its own limit', async () => {
      const answers: number[] = [];
      for (let i = 0; i < 31; i++) answers.push((await signInFrom('127.0.0.4', `${VILLAGE}.x${i}`, 'not-the-password')).status);
      expect(answers.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(answers[30]).toBe(429);
      expect((await signInFrom('127.0.0.4', `${VILLAGE}.a`, 'demo-pass-2026')).status).toBe(429);
    });
  });
});
