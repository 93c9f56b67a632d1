import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import { DomainError, isLevel } from '@scf/domain';
import type { Actor, Level, StaffRole } from './actor.js';

const ISSUER = 'scf';
const STAFF_AUDIENCE = 'scf-staff';
const GATEWAY_AUDIENCE = 'scf-subgraph';
const ROLES = new Set<StaffRole>(['DIRECTOR', 'SUPERVISOR', 'CHIEF_REPRESENTATIVE', 'CLERK']);

/** 401: no identity, or one that cannot be trusted. */
export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
    this.name = 'UnauthenticatedError';
  }
}

// One key object per secret: jose would otherwise import the raw secret again on every verification.
const keys = new Map<string, KeyObject>();
const key = (secret: string): KeyObject => {
  let k = keys.get(secret);
  if (!k) keys.set(secret, (k = createSecretKey(Buffer.from(secret, 'utf8'))));
  return k;
};

/**
 * Tokens already verified, until they expire: a signature checks the same every time, so each token is
 * verified once per process (the gateway and every subgraph see the same token on every request of a
 * working day). Expiry is checked against the caller's clock on every use; revocation (deactivated
 * accounts, password resets) is the gateway's account check, not the token's.
 */
const VERIFIED_MAX = 10_000;
const verified = new Map<string, { exp: number; value: unknown }>();
function remembered<T>(cacheKey: string, now: Date): T | undefined {
  const hit = verified.get(cacheKey);
  if (!hit) return undefined;
  if (now.getTime() / 1000 >= hit.exp) {
    verified.delete(cacheKey);
    return undefined;
  }
  return hit.value as T;
}
function remember(cacheKey: string, exp: unknown, value: unknown): void {
  if (typeof exp !== 'number') return;
  // Oldest first: a Map iterates in insertion order, so the first key is the longest held.
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(cacheKey, { exp, value });
}

/**
 * `passwordSetAt`: when the account's password was set as sign-in read it. The token then carries it (claim
 * `pwd`, milliseconds, 0 for never) and is good only while the password stays that one: a reset ends it
 * exactly, whatever second either fell in (`iat` has whole seconds only).
 */
export async function signStaffToken(
  actor: Actor,
  secret: string,
  ttlMinutes: number,
  now = new Date(),
  passwordSetAt?: Date | null,
): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((iat + ttlMinutes * 60) * 1000);
  const password = passwordSetAt === undefined ? {} : { pwd: passwordSetAt ? passwordSetAt.getTime() : 0 };
  const token = await new SignJWT({ name: actor.name, lvl: actor.level, pt: actor.pointCode, cty: actor.countyCode, roles: actor.roles, unit: actor.unit, ...password })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(STAFF_AUDIENCE)
    .setSubject(actor.username)
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
  return { token, expiresAt };
}

/**
 * The actor a staff token names, checked for signature, algorithm, issuer, audience and expiry. Every
 * subgraph calls this itself: a request that reached it past the gateway is trusted no further than its token.
 */
export async function verifyStaffToken(token: string, secret: string, now = new Date()): Promise<Actor> {
  const cacheKey = `staff\u0000${secret}\u0000${token}`;
  const known = remembered<Actor>(cacheKey, now);
  if (known) return { ...known, roles: [...known.roles] };
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: STAFF_AUDIENCE, algorithms: ['HS256'], currentDate: now }));
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new UnauthenticatedError('登录已过期，请重新登录 / Your sign-in has expired; sign in again');
    throw new UnauthenticatedError('登录凭证无效，请重新登录 / The sign-in token is not valid; sign in again');
  }
  const { sub, name, lvl, pt, cty, roles, unit } = payload as Record<string, unknown>;
  const valid =
    typeof sub === 'string' && typeof name === 'string' && typeof pt === 'string' && typeof cty === 'string' &&
    isLevel(lvl) && Array.isArray(roles) && roles.every((r) => ROLES.has(r as StaffRole)) && pt.startsWith(cty) &&
    (unit === null || unit === undefined || typeof unit === 'string');
  if (!valid) throw new UnauthenticatedError('登录凭证无效，请重新登录 / The sign-in token is not valid; sign in again');
  const actor: Actor = { username: sub, name, level: lvl as Level, pointCode: pt, countyCode: cty, roles: roles as StaffRole[], unit: (unit as string | null) ?? null };
  remember(cacheKey, payload.exp, actor);
  return { ...actor, roles: [...actor.roles] };
}

/** The gateway's short-lived credential, presented to subgraphs on every request. */
export async function signGatewayCredential(secret: string, ttlSeconds = 300, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('scf-gateway')
    .setAudience(GATEWAY_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key(secret));
}

export async function verifyGatewayCredential(credential: string | undefined, secret: string, now = new Date()): Promise<boolean> {
  if (!credential) return false;
  const cacheKey = `gateway\u0000${secret}\u0000${credential}`;
  if (remembered<boolean>(cacheKey, now)) return true;
  try {
    const { payload } = await jwtVerify(credential, key(secret), { issuer: 'scf-gateway', audience: GATEWAY_AUDIENCE, algorithms: ['HS256'], currentDate: now });
    remember(cacheKey, payload.exp, true);
    return true;
  } catch {
    return false;
  }
}

/**
 * The gateway signs one credential and reuses it until half its life has passed: signing per request
 * would cost more than the check it enables.
 */
export function gatewayCredentialSource(secret: string, ttlSeconds = 300): () => Promise<string> {
  let current: { value: Promise<string>; renewAt: number } | undefined;
  return () => {
    const now = Date.now();
    if (!current || now >= current.renewAt) current = { value: signGatewayCredential(secret, ttlSeconds), renewAt: now + (ttlSeconds * 1000) / 2 };
    return current.value;
  };
}
