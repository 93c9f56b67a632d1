import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { invalid } from '@scf/domain';

/**
 * Passwords are kept only as scrypt hashes (memory-hard, in Node itself: no native addon to build on a
 * county's server). N = 2^15, r = 8 costs ~32 MB and ~0.1 s per check, which makes guessing offline slow.
 * The parameters are stored with each hash so they can be raised later without breaking old ones.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, { ...opts, maxmem: 256 * opts.N! * opts.r! }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, COST);
  return ['scrypt', Math.log2(COST.N), COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; a missing or unreadable hash never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a response time never tells whether an account exists.
    await scrypt(password, DUMMY_SALT, COST);
    return false;
  }
  const [, logN, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), { N: 2 ** Number(logN), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const DUMMY_SALT = randomBytes(16);

/**
 * The demo accounts' password (npm start, npm run seed -- --demo-passwords, the tests). It is printed in the
 * README, so it opens nothing in production (the gateway refuses it at sign-in) and nobody may choose it.
 */
export const DEMO_PASSWORD = 'demo-pass-2026';

/** Checked when a password is set: long enough to resist guessing, and not the username or a run of one digit. */
export function validateNewPassword(password: string, username: string): void {
  if (typeof password !== 'string' || password.length < 10) invalid('password', '密码至少要 10 位 / must be at least 10 characters');
  if (password.normalize('NFKC').trim().toLowerCase() === DEMO_PASSWORD) {
    invalid('password', '演示密码已在说明文档中公开，不能设为密码 / the demo password is published in the README: choose another');
  }
  if (password.length > 128) invalid('password', '密码最多 128 位 / must be at most 128 characters');
  if (password.toLowerCase().includes(username.toLowerCase())) invalid('password', '密码不能包含用户名 / must not contain the username');
  if (/^(.)\1*$/.test(password) || /^\d+$/.test(password)) invalid('password', '密码不能全是数字，也不能只是同一个字符重复 / must not be only digits or one repeated character');
}
