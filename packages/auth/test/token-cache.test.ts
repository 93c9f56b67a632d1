import { describe, expect, it } from 'vitest';
import { signStaffToken, verifyStaffToken, type Actor } from '../src/index.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const clerk: Actor = { username: '140925100207.a', name: '张三', level: 'VILLAGE', pointCode: '140925100207', countyCode: '140925', roles: ['CLERK'], unit: null };

describe('a token verified once', () => {
  it('is still refused once it has expired, though its signature was checked before', async () => {
    const issued = new Date('2026-11-23T01:00:00Z');
    const { token } = await signStaffToken(clerk, SECRET, 60, issued);
    expect((await verifyStaffToken(token, SECRET, new Date('2026-11-23T01:30:00Z'))).username).toBe(clerk.username);
    await expect(verifyStaffToken(token, SECRET, new Date('2026-11-23T02:00:01Z'))).rejects.toThrow(/expired/);
  });

  it('is not taken for another secret, and a caller changing its answer changes nothing for the next', async () => {
    const { token } = await signStaffToken(clerk, SECRET, 60);
    const first = await verifyStaffToken(token, SECRET);
    first.roles.push('DIRECTOR');
    expect((await verifyStaffToken(token, SECRET)).roles).toEqual(['CLERK']);
    await expect(verifyStaffToken(token, 'another-secret-of-at-least-32-characters')).rejects.toThrow(/not valid/);
  });
});
