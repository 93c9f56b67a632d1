import { describe, expect, it } from 'vitest';
import {
  canAct, canManageAccount, canManageStaff, canRead, handlesCase, hashPassword, pointOfUsername, signGatewayCredential, signStaffToken, validateNewPassword,
  verifyGatewayCredential, verifyPassword, verifyStaffToken, authConfigFromEnv, type Actor,
} from '../src/index.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const actor = (over: Partial<Actor>): Actor => ({ username: 'x', name: '测试', level: 'VILLAGE', pointCode: '140925100207', countyCode: '140925', roles: ['CLERK'], unit: null, ...over });
const villageClerk = actor({});
const townshipClerk = actor({ level: 'TOWNSHIP', pointCode: '140925100' });
const townshipDirector = actor({ level: 'TOWNSHIP', pointCode: '140925100', roles: ['DIRECTOR'] });
const countyClerk = actor({ level: 'COUNTY', pointCode: '140925', unit: '县应急管理局' });
const supervisor = actor({ level: 'COUNTY', pointCode: '140925', roles: ['SUPERVISOR'] });
const countyDirector = actor({ level: 'COUNTY', pointCode: '140925', roles: ['DIRECTOR'] });

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the same password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });

  it.each([['short1', /10 characters/], ['12345678901', /digits/], ['aaaaaaaaaaaa', /repeated/], ['my-140925.w01.a-pass', /username/]])('refuses %j as a new password', (pw, why) => {
    expect(() => validateNewPassword(pw, '140925.w01.a')).toThrow(why);
  });
});

describe('tokens', () => {
  it('carry the actor and verify only with the secret that signed them, until they expire', async () => {
    const { token, expiresAt } = await signStaffToken(countyClerk, SECRET, 60);
    expect(await verifyStaffToken(token, SECRET)).toEqual(countyClerk);
    await expect(verifyStaffToken(token, `${SECRET}-other`)).rejects.toThrow(/not valid/);
    await expect(verifyStaffToken(token, SECRET, new Date(expiresAt.getTime() + 1000))).rejects.toThrow(/expired/);
  });

  it('the gateway credential verifies only with the gateway secret', async () => {
    const c = await signGatewayCredential(SECRET);
    expect(await verifyGatewayCredential(c, SECRET)).toBe(true);
    expect(await verifyGatewayCredential(c, `${SECRET}-other`)).toBe(false);
    expect(await verifyGatewayCredential(undefined, SECRET)).toBe(false);
    // A staff token is not a gateway credential, even signed with the same secret.
    expect(await verifyGatewayCredential((await signStaffToken(countyDirector, SECRET, 60)).token, SECRET)).toBe(false);
  });

  it('production refuses to start without long secrets', () => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/SCF_AUTH_SECRET/);
    expect(() => authConfigFromEnv({ SCF_AUTH_SECRET: 'short' })).toThrow(/too short/);
    expect(authConfigFromEnv({}).tokenTtlMinutes).toBe(480);
  });
});

describe('usernames name their point', () => {
  it.each([
    ['140925100207.a', { pointCode: '140925100207', level: 'VILLAGE' }],
    ['140925.w08.a', { pointCode: '140925', level: 'COUNTY' }],
    ['140925100.director', { pointCode: '140925100', level: 'TOWNSHIP' }],
    ['1409251.a', undefined], ['140925.', undefined], ['140925.A', undefined], ["140925.x' or 1=1", undefined],
  ])('%j', (username, expected) => {
    expect(pointOfUsername(username)).toEqual(expected);
  });
});

describe('scopes', () => {
  it('a village clerk reads and acts on their own village only', () => {
    expect(canRead(villageClerk, '140925100207')).toBe(true);
    expect(canRead(villageClerk, '140925100209')).toBe(false);
    expect(canRead(villageClerk, '140925100')).toBe(false);
    expect(canAct(villageClerk, { pointCode: '140925100207' })).toBe(true);
    expect(canAct(villageClerk, { pointCode: '140925100209' })).toBe(false);
  });

  it('a township reads its villages but not another township’s, and acts only at the township', () => {
    expect(canRead(townshipClerk, '140925100207')).toBe(true);
    expect(canRead(townshipClerk, '140925101001')).toBe(false);
    expect(canRead(townshipClerk, '140925')).toBe(false);
    expect(canAct(townshipClerk, { pointCode: '140925100207' })).toBe(false);
  });

  it('county staff read the whole county and no other; window clerks act for their own unit only', () => {
    expect(canRead(countyClerk, '140925100207')).toBe(true);
    expect(canRead(countyClerk, '140926100207')).toBe(false);
    expect(canAct(countyClerk, { pointCode: '140925', unit: '县应急管理局' })).toBe(true);
    expect(canAct(countyClerk, { pointCode: '140925', unit: '县公安局' })).toBe(false);
    expect(handlesCase(countyClerk, { pointCode: '140925', unit: '县公安局' })).toBe(false);
    expect(canAct(countyDirector, { pointCode: '140925', unit: '县公安局' })).toBe(true);
    expect(handlesCase(countyDirector, { pointCode: '140925', unit: '县公安局' })).toBe(false);
  });

  it('at a county or township point, a case no unit is known to handle is the director’s alone; one passing through is any clerk’s', () => {
    expect(handlesCase(countyClerk, { pointCode: '140925', unit: null })).toBe(false);
    expect(handlesCase(countyClerk, { pointCode: '140925' })).toBe(false);
    expect(canAct(countyDirector, { pointCode: '140925', unit: null })).toBe(true);
    const deskClerk = actor({ level: 'TOWNSHIP', pointCode: '140925100', unit: '社保' });
    expect(handlesCase(deskClerk, { pointCode: '140925100', unit: '社保' })).toBe(true);
    expect(handlesCase(deskClerk, { pointCode: '140925100', unit: '计生' })).toBe(false);
    expect(handlesCase(deskClerk, { pointCode: '140925100', unit: '计生', wholePoint: true })).toBe(true);
    expect(handlesCase(villageClerk, { pointCode: '140925100207', unit: null })).toBe(true);
  });

  it('a supervisor reads everything in the county and acts on nothing', () => {
    expect(canRead(supervisor, '140925100207')).toBe(true);
    expect(canAct(supervisor, { pointCode: '140925' })).toBe(false);
  });

  it('directors manage staff downwards within their county', () => {
    expect(canManageStaff(countyDirector, '140925100207')).toBe(true);
    expect(canManageStaff(townshipDirector, '140925100207')).toBe(true);
    expect(canManageStaff(townshipDirector, '140925101001')).toBe(false);
    expect(canManageStaff(townshipDirector, '140925')).toBe(false);
    expect(canManageStaff(townshipClerk, '140925100207')).toBe(false);
  });

  it('directors manage window staff; directors and supervisors only from the level above, never the county’s own', () => {
    expect(canManageAccount(townshipDirector, '140925100', 'CLERK')).toBe(true);
    expect(canManageAccount(townshipDirector, '140925100', 'CHIEF_REPRESENTATIVE')).toBe(true);
    expect(canManageAccount(townshipDirector, '140925100', 'DIRECTOR')).toBe(false);
    expect(canManageAccount(townshipDirector, '140925100', 'SUPERVISOR')).toBe(false);
    expect(canManageAccount(countyDirector, '140925100', 'DIRECTOR')).toBe(true);
    expect(canManageAccount(countyDirector, '140925100', 'SUPERVISOR')).toBe(true);
    expect(canManageAccount(countyDirector, '140925', 'DIRECTOR')).toBe(false);
    expect(canManageAccount(countyDirector, '140925', 'SUPERVISOR')).toBe(false);
    expect(canManageAccount(countyDirector, '140925', 'CLERK')).toBe(true);
  });
});
