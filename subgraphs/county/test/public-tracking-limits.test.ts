import { describe, expect, it } from 'vitest';
import { PublicTrackingGuard, RateLimitedError } from '../src/tracking/public-tracking.limits.js';

const CASE = '140925100207-20260928-00001';

function guard(limits = {}) {
  let now = Date.parse('2026-09-28T02:00:00Z');
  const g = new PublicTrackingGuard(limits, () => new Date(now));
  return { g, advance: (ms: number) => (now += ms) };
}

function refusal(f: () => void): RateLimitedError {
  try {
    f();
  } catch (e) {
    if (e instanceof RateLimitedError) return e;
    throw e;
  }
  throw new Error('expected RATE_LIMITED');
}

describe('PublicTrackingGuard: the limits of trackMyCase', () => {
  it('counts a burst of parallel lookups before any verdict: the sixth is refused', () => {
    const { g } = guard();
    for (let i = 0; i < 5; i++) g.admit(`ip:${i}`, CASE);
    const e = refusal(() => g.admit('ip:9', CASE));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.details).toMatchObject({ retryAfterSeconds: 3600 });
    expect(e.message).toContain('60分钟后');
  });

  it('a right check does not count; five wrong ones lock the case number for the rest of the hour', () => {
    const { g, advance } = guard();
    for (let i = 0; i < 10; i++) {
      g.admit('ip:a', CASE);
      g.settle(CASE, true);
    }
    for (let i = 0; i < 5; i++) {
      g.admit('ip:a', CASE);
      g.settle(CASE, false);
      advance(60_000);
    }
    expect(refusal(() => g.admit('ip:a', CASE)).details).toMatchObject({ retryAfterSeconds: 3300 });
    advance(55 * 60_000);
    expect(() => g.admit('ip:a', CASE)).not.toThrow();
  });

  it('lookups that never get a verdict stop counting after 30 seconds', () => {
    const { g, advance } = guard();
    for (let i = 0; i < 5; i++) g.admit('ip:a', CASE);
    expect(() => g.admit('ip:a', CASE)).toThrow(RateLimitedError);
    advance(30_000);
    expect(() => g.admit('ip:a', CASE)).not.toThrow();
    // A late verdict of a wrong check still counts.
    for (let i = 0; i < 5; i++) g.settle(CASE, false);
    g.settle(CASE, false);
    expect(() => g.admit('ip:a', CASE)).toThrow(RateLimitedError);
  });

  it('holds each client to its lookups a minute, with the limits the server was given', () => {
    const { g, advance } = guard({ perClient: { lookups: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) g.admit('ip:a', `${CASE.slice(0, -1)}${i + 1}`);
    const e = refusal(() => g.admit('ip:a', CASE));
    expect(e.details).toMatchObject({ retryAfterSeconds: 60 });
    expect(e.message).toMatch(/^查询过于频繁.* \/ too many lookups/);
    expect(() => g.admit('ip:b', CASE)).not.toThrow();
    advance(60_000);
    expect(() => g.admit('ip:a', CASE)).not.toThrow();
  });
});
