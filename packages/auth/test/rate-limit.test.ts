import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rate-limit.js';

describe('RateLimiter', () => {
  it('refuses the attempt over the limit and says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.take('k')).toBe(0);
    now += 10_000;
    expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(50);
    expect(limiter.retryAfter('k')).toBe(50);
    now += 50_000;
    expect(limiter.take('k')).toBe(0);
  });

  it('release takes back the latest attempt, so a refunded attempt does not count', () => {
    const limiter = new RateLimiter(2, 60_000, () => 0);
    limiter.take('k');
    limiter.take('k');
    expect(limiter.retryAfter('k')).toBe(60);
    limiter.release('k');
    expect(limiter.retryAfter('k')).toBe(0);
    limiter.release('k');
    limiter.release('k');
    limiter.release('other');
    expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(60);
  });
});
