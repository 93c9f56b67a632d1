import { GATEWAY_CREDENTIAL_HEADER, UnauthenticatedError, type Actor } from '@scf/auth';
import { SUBGRAPH_OF_LEVEL, type SubgraphUrls } from './config.js';

interface Status {
  active: boolean;
  passwordSetAt: string | null;
}

/**
 * A token is signed for a working day, but an account can be deactivated, or its password reset, within
 * it. Before trusting a token the gateway asks the level that holds the account whether it still may
 * (POST /internal/account), and remembers the answer for `ttlMs`: deactivation and password resets take
 * effect everywhere within that time, with one small request per person per interval.
 */
export function accountStatusChecker(urls: SubgraphUrls, credential: () => Promise<string>, ttlMs: number) {
  const cache = new Map<string, { until: number; status: Promise<Status> }>();
  const fetchStatus = async (actor: Actor): Promise<Status> => {
    const url = new URL('/internal/account', urls[SUBGRAPH_OF_LEVEL[actor.level]]);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_CREDENTIAL_HEADER]: await credential() },
      body: JSON.stringify({ username: actor.username }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`${url.origin} answered ${res.status}`);
    return (await res.json()) as Status;
  };
  return {
    /**
     * Throws UnauthenticatedError when the account may no longer use a token issued at `issuedAt` (seconds)
     * under the password set at `passwordSetAt` (milliseconds, from the token's `pwd` claim).
     */
    async check(actor: Actor, { issuedAt, passwordSetAt }: { issuedAt: number; passwordSetAt?: number }): Promise<void> {
      const now = Date.now();
      let entry = cache.get(actor.username);
      if (!entry || entry.until <= now) {
        entry = { until: now + ttlMs, status: fetchStatus(actor) };
        cache.set(actor.username, entry);
        // A failed check is not remembered: the next request asks again.
        entry.status.catch(() => cache.delete(actor.username));
        if (cache.size > 50_000) for (const [k, v] of cache) if (v.until <= now) cache.delete(k);
      }
      let status: Status;
      try {
        status = await entry.status;
      } catch (e) {
        throw new AccountCheckUnavailable(actor, (e as Error).message);
      }
      if (!status.active) throw new UnauthenticatedError('此账号已停用，请联系中心主任 / this account has been deactivated; ask your centre director');
      const setAt = status.passwordSetAt ? new Date(status.passwordSetAt).getTime() : 0;
      // A token that names its password is good while that password stands. One that does not (signed
      // before the claim existed) only knows its second: a reset in that second or later ends it.
      const changed = passwordSetAt !== undefined ? passwordSetAt !== setAt : setAt > 0 && issuedAt <= Math.floor(setAt / 1000);
      if (changed) throw new UnauthenticatedError('密码已更改，请重新登录 / the password was changed since this sign-in; sign in again');
    },
    /** Forgets what is known of an account (after a change made through this gateway). */
    forget(username: string) {
      cache.delete(username);
    },
  };
}

/** The level holding the account did not answer: refuse rather than trust a token that may be revoked. */
export class AccountCheckUnavailable extends Error {
  constructor(actor: Actor, detail: string) {
    super(`${actor.level.toLowerCase()} level unavailable to confirm ${actor.username}: ${detail}`);
  }
}
