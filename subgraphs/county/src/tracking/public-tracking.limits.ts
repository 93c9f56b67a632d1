import { RateLimiter } from '@scf/auth';
import { DomainError } from '@scf/domain';

/**
 * trackMyCase needs no sign-in, so its check — four digits — must not be guessable: 10,000 combinations
 * are nothing to a script. Each case number allows a few wrong checks an hour and is then locked for the
 * rest of the hour, even for the right check; each client is held to a steady pace of lookups. Kept in
 * this process's memory, like the gateway's sign-in limits: a deployment with several county processes
 * would keep them in a shared store.
 */
export interface PublicTrackingLimits {
  /** Lookups per client address (per member of staff when signed in); default 20 a minute. */
  perClient: { lookups: number; windowMs: number };
  /** Wrong checks (or unknown numbers) per case number before it is locked for the rest of the window; default 5 an hour. */
  perCase: { failures: number; windowMs: number };
}

export const DEFAULT_PUBLIC_TRACKING_LIMITS: PublicTrackingLimits = {
  perClient: { lookups: 20, windowMs: 60_000 },
  perCase: { failures: 5, windowMs: 60 * 60_000 },
};

/** 429-like refusal: how long to wait is in the message (中文 / English) and in extensions.retryAfterSeconds. */
export class RateLimitedError extends DomainError {
  constructor(message: string, retryAfterSeconds: number, now: Date) {
    super('RATE_LIMITED', message, undefined, { retryAfterSeconds, retryAt: new Date(now.getTime() + retryAfterSeconds * 1000).toISOString() });
    this.name = 'RateLimitedError';
  }
}

function waitWords(seconds: number, retryAt: Date): { zh: string; en: string } {
  // The time of day in China, so the applicant can read it off a clock.
  const at = new Date(retryAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  if (seconds < 60) return { zh: `${seconds}秒后`, en: `in ${seconds} s` };
  const minutes = Math.ceil(seconds / 60);
  return { zh: `${minutes}分钟后（${at}以后）`, en: `in ${minutes} min (after ${at} China time)` };
}

/** How long a lookup waits for its verdict before it stops counting (the level holding the case did not answer). */
const VERDICT_WAIT_MS = 30_000;

export class PublicTrackingGuard {
  private readonly perClient: RateLimiter;
  private readonly perCase: RateLimiter;
  /** Admitted lookups still waiting for their verdict, by case number: when each was admitted. */
  private readonly pending = new Map<string, number[]>();

  constructor(
    limits: Partial<PublicTrackingLimits> = {},
    private readonly clock: () => Date = () => new Date(),
  ) {
    const l = { ...DEFAULT_PUBLIC_TRACKING_LIMITS, ...limits };
    const ms = () => this.clock().getTime();
    this.perClient = new RateLimiter(l.perClient.lookups, l.perClient.windowMs, ms);
    this.perCase = new RateLimiter(l.perCase.failures, l.perCase.windowMs, ms);
  }

  /**
   * Counts one lookup of `caseNo` by `client`, or refuses it with RATE_LIMITED. The lookup counts against
   * the case number at once, as if it failed — a burst of parallel guesses cannot all pass before the first
   * wrong one is recorded — until `settle` gives its verdict. A lookup that gets none within 30 s (the level
   * holding the case did not answer) stops counting: an outage must not lock applicants out of their case.
   */
  admit(client: string, caseNo: string): void {
    const now = this.clock();
    this.expire(now.getTime());
    const fromClient = this.perClient.take(client);
    if (fromClient > 0) {
      const w = waitWords(fromClient, new Date(now.getTime() + fromClient * 1000));
      throw new RateLimitedError(`查询过于频繁，请${w.zh}再试 / too many lookups from here: try again ${w.en}`, fromClient, now);
    }
    const forCase = this.perCase.take(caseNo);
    if (forCase > 0) {
      const w = waitWords(forCase, new Date(now.getTime() + forCase * 1000));
      throw new RateLimitedError(
        `该办件编号核对失败次数过多，已暂时锁定，请${w.zh}再试 / too many wrong checks for this case number: it is locked, try again ${w.en}`,
        forCase,
        now,
      );
    }
    this.pending.set(caseNo, [...(this.pending.get(caseNo) ?? []), now.getTime()]);
  }

  /** The verdict of an admitted lookup: a matching check stops counting; a wrong one (or an unknown number) stays a failure. */
  settle(caseNo: string, verified: boolean): void {
    const waiting = this.pending.get(caseNo);
    if (waiting?.length) {
      waiting.shift();
      if (waiting.length === 0) this.pending.delete(caseNo);
      if (verified) this.perCase.release(caseNo);
    } else if (!verified) {
      // Its wait had run out and it was no longer counted: a failure all the same.
      this.perCase.take(caseNo);
    }
  }

  private expire(now: number): void {
    for (const [caseNo, times] of this.pending) {
      while (times.length && now - times[0]! >= VERDICT_WAIT_MS) {
        times.shift();
        this.perCase.release(caseNo);
      }
      if (times.length === 0) this.pending.delete(caseNo);
    }
  }
}
