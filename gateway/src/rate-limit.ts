import type { RequestHandler } from 'express';

/**
 * /graphql requests a minute: per client address for callers who are not signed in, per account for
 * staff (many village rooms share one address behind a county's NAT; an account is one person). 0 turns a
 * limit off. Each client may send a minute's worth at once and then at the steady pace (a token bucket).
 * Kept in this process's memory: several gateways behind one address would each count on their own and
 * need a shared store (Redis or the like) to hold a client to one limit.
 */
export interface GraphqlRateLimits {
  anonymousPerMinute: number;
  staffPerMinute: number;
}

export const DEFAULT_GRAPHQL_RATE_LIMITS: GraphqlRateLimits = { anonymousPerMinute: 120, staffPerMinute: 600 };

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key: `perMinute` tokens, refilled continuously. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for `key`; returns 0 when it had one, else the whole seconds until it will. */
  take(key: string): number {
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      if (this.buckets.size > 100_000) this.sweep(now);
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000));
  }

  /** Forgets every bucket that has filled up again: such a client is no different from a new one. */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
  }
}

/**
 * Refuses a /graphql request over its client's limit with 429, Retry-After and a GraphQL error the web
 * clients read (code RATE_LIMITED, retryAfterSeconds), before the body is read or any subgraph is asked.
 * `who` names the client: the account when the request carries a valid staff token, else the address.
 */
export function graphqlRateLimit(limits: GraphqlRateLimits, who: (req: Parameters<RequestHandler>[0]) => Promise<{ account: string | null; address: string }>): RequestHandler {
  const anonymous = limits.anonymousPerMinute > 0 ? new TokenBuckets(limits.anonymousPerMinute) : null;
  const staff = limits.staffPerMinute > 0 ? new TokenBuckets(limits.staffPerMinute) : null;
  return (req, res, next) => {
    if (!anonymous && !staff) return next();
    who(req).then(({ account, address }) => {
      const wait = account ? (staff?.take(account) ?? 0) : (anonymous?.take(address) ?? 0);
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      const from = account ? `账号 ${account}` : '此地址';
      const en = account ? `account ${account}` : 'this address';
      const perMinute = account ? limits.staffPerMinute : limits.anonymousPerMinute;
      res.status(429).json({
        errors: [
          {
            message: `${from}的请求过于频繁，请 ${wait} 秒后再试 / too many requests from ${en} (more than ${perMinute} a minute): try again in ${wait} s`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, retryAt: new Date(Date.now() + wait * 1000).toISOString(), limit: perMinute },
          },
        ],
      });
    }, next);
  };
}
