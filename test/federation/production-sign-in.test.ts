import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import { hashPassword } from '@scf/auth';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';

const COUNTY = '140925';
const DIRECTOR = `${COUNTY}.director`;
const VILLAGE = '140925100207';
const DEMO = 'demo-pass-2026';
const DIRECTORS_OWN = 'Zhang-Ming-real-2026';

/**
 * A gateway in production mode over databases seeded for the demo (e.g. a demo installation put into
 * service): the README publishes the demo accounts' password, so it must open nothing there.
 */
describe('the published demo password in production', () => {
  let fed: TestFederation;

  beforeAll(async () => {
    fed = await startTestFederation({ production: true, accountCheckMs: 0 });
    await fed.seed(COUNTY);
    // The director was given a real password on the county's server (npm run create-director --reset-password).
    await (fed.county.orm.em.fork() as EntityManager).nativeUpdate('CountyStaff', { username: DIRECTOR }, { passwordHash: await hashPassword(DIRECTORS_OWN), passwordSetAt: new Date() });
  });
  afterAll(() => fed?.close());

  it('signs nobody in, saying why, whatever the account', async () => {
    for (const username of [`${VILLAGE}.a`, `${COUNTY}.supervisor`, `${COUNTY}.w08.a`]) {
      const res = await fed.signIn(username, DEMO);
      expect(res.status, username).toBe(401);
      expect(res.body, username).toMatchObject({ code: 'DEMO_PASSWORD_REFUSED', error: expect.stringMatching(/^演示密码/) });
      expect(res.body.token).toBeUndefined();
    }
  });

  it('still signs in an account that has a password of its own', async () => {
    const res = await fed.signIn(DIRECTOR, DIRECTORS_OWN);
    expect(res.status).toBe(200);
    expect(res.body.staff.username).toBe(DIRECTOR);
  });

  it('may not be set as a member of staff’s new password by a director', async () => {
    const { body } = await fed.signIn(DIRECTOR, DIRECTORS_OWN);
    const res = await fetch(fed.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({ query: `mutation { setVillageStaffPassword(username: "${VILLAGE}.b", password: "${DEMO}") { username } }` }),
    });
    const answer = (await res.json()) as { errors?: { extensions?: Record<string, unknown>; message: string }[] };
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' }, message: expect.stringContaining('演示密码') });
  });

  it('may not be chosen by anyone changing their own password', async () => {
    const { body } = await fed.signIn(DIRECTOR, DIRECTORS_OWN);
    const res = await fetch(`${fed.gatewayOrigin}/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({ currentPassword: DIRECTORS_OWN, newPassword: DEMO }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('演示密码');
    expect((await fed.signIn(DIRECTOR, DIRECTORS_OWN)).status).toBe(200);
  });
});
