import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/system/testing';

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
});
