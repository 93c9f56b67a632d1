import express, { type Request, type Response, type Router } from 'express';
import {
  CLIENT_IP_HEADER,
  DEMO_PASSWORD,
  GATEWAY_CREDENTIAL_HEADER,
  RateLimiter,
  UnauthenticatedError,
  pointOfUsername,
  signStaffToken,
  verifyStaffToken,
  type Actor,
  type AuthConfig,
  type Level,
} from '@scf/auth';
import { SUBGRAPH_OF_LEVEL, type SubgraphUrls } from './config.js';
import { clientIp } from './http.js';
import { QUERY_LIMITS } from './limits.js';
import { logInternalError } from './errors.js';

/** One message for every failed sign-in: never whether the username exists, is malformed or the password is wrong. */
export const WRONG_CREDENTIALS = '用户名或密码错误 / wrong username or password';

export interface SignInLimits {
  /**
   * Failed sign-ins per username from one client address before that address must wait for that username
   * (default 5 per 15 minutes); a success clears them. Per address, so that someone guessing elsewhere
   * never locks the account's owner out of their own window.
   */
  perUsername: { attempts: number; windowMs: number };
  /** Sign-in attempts per client address, failed or not (default 30 a minute). */
  perClientIp: { attempts: number; windowMs: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perUsername: { attempts: 5, windowMs: 15 * 60_000 },
  perClientIp: { attempts: 30, windowMs: 60_000 },
};

const LEVEL_NAME: Record<Level, string> = { COUNTY: '县级 / county', TOWNSHIP: '乡镇 / township', VILLAGE: '村 / village' };

/** What the client sent in `authorization`: nothing (anonymous), a bearer token, or something unusable. */
export type Credentials = { kind: 'anonymous' } | { kind: 'bearer'; token: string } | { kind: 'malformed' };

export function credentialsOf(header: string | undefined): Credentials {
  if (header === undefined || header.trim() === '') return { kind: 'anonymous' };
  const m = /^Bearer[ \t]+([A-Za-z0-9\-_.~+/]+=*)[ \t]*$/i.exec(header);
  return m ? { kind: 'bearer', token: m[1]! } : { kind: 'malformed' };
}

/** The verified actor of a request's bearer token, null when it has none; throws UnauthenticatedError for a bad one. */
export async function actorOf(header: string | undefined, staffSecret: string): Promise<{ actor: Actor; token: string } | null> {
  const credentials = credentialsOf(header);
  if (credentials.kind === 'anonymous') return null;
  if (credentials.kind === 'malformed') throw new UnauthenticatedError('登录凭证格式不对：authorization 请求头须为“Bearer <登录所得令牌>” / The authorization header must be "Bearer <token>" with the token from sign-in');
  return { actor: await verifyStaffToken(credentials.token, staffSecret), token: credentials.token };
}

/**
 * `iat` and `exp` (seconds since the epoch) of a token that has already been verified, and `pwd`: when the
 * password it was issued under was set (milliseconds; absent in tokens signed before it was introduced).
 */
export function timesOf(token: string): { issuedAt: number; expiresAt: number | null; passwordSetAt?: number } {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat?: unknown; exp?: unknown; pwd?: unknown };
    return {
      issuedAt: typeof payload.iat === 'number' ? payload.iat : 0,
      expiresAt: typeof payload.exp === 'number' ? payload.exp : null,
      ...(typeof payload.pwd === 'number' ? { passwordSetAt: payload.pwd } : {}),
    };
  } catch {
    return { issuedAt: 0, expiresAt: null };
  }
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export interface AuthRoutesOptions {
  auth: AuthConfig;
  subgraphUrls: SubgraphUrls;
  credential: () => Promise<string>;
  limits: SignInLimits;
  /** Production: the published demo password signs nobody in. */
  production?: boolean;
}

/**
 * POST /auth/sign-in and GET /auth/me.
 *
 * Sign-in takes JSON `{ username, password }`. The username names the point, so the level whose database
 * holds the account is known without asking the others; that level's subgraph checks the password
 * (`POST /internal/sign-in`, behind the gateway credential) and the gateway signs the staff token.
 * Only `application/json` bodies are read: a cross-site HTML form cannot send one, which keeps sign-in
 * free of login CSRF without cookies or tokens.
 */
export function authRoutes({ auth, subgraphUrls, credential, limits, production = false }: AuthRoutesOptions): Router {
  const router = express.Router();
  const failures = new RateLimiter(limits.perUsername.attempts, limits.perUsername.windowMs);
  const attemptsFromIp = new RateLimiter(limits.perClientIp.attempts, limits.perClientIp.windowMs);
  // One sign-in per username and address at a time: otherwise a burst of parallel guesses would all pass
  // the failure count before the first of them is recorded.
  const inFlight = new Set<string>();

  const tooMany = (res: Response, seconds: number, message: string) => {
    res.setHeader('Retry-After', String(seconds));
    res.status(429).json({ error: message, code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: seconds, retryAt: new Date(Date.now() + seconds * 1000).toISOString() });
  };
  const wrong = (res: Response) => res.status(401).json({ error: WRONG_CREDENTIALS, code: 'UNAUTHENTICATED' });

  router.post('/sign-in', express.json({ limit: QUERY_LIMITS.signInBodyBytes }), async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (!req.is('application/json') || typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: '请以 JSON 提交用户名和密码（content-type: application/json） / Send JSON { "username": "…", "password": "…" } with content-type application/json', code: 'BAD_REQUEST' });
      return;
    }
    const { username: rawUsername, password } = body as Record<string, unknown>;
    if (typeof rawUsername !== 'string' || rawUsername.trim() === '' || typeof password !== 'string' || password === '') {
      res.status(400).json({ error: '请输入用户名和密码 / username and password are both required, as strings', code: 'BAD_REQUEST' });
      return;
    }
    const ip = clientIp(req);
    const fromIp = attemptsFromIp.take(ip);
    if (fromIp > 0) {
      tooMany(res, fromIp, `此地址登录尝试过于频繁，请 ${fromIp} 秒后再试 / too many sign-in attempts from this address: try again in ${fromIp} s`);
      return;
    }
    const username = rawUsername.trim().toLowerCase();
    // Failures count per address and username: a guesser elsewhere never locks the owner out, and a
    // guesser here gets 5 tries per account and 30 attempts in all a minute (the per-address limit above).
    // The key of a malformed name is cut short: the map holds a bounded string whatever a client sends.
    const key = `${ip}|${username.slice(0, 64)}`;
    const wait = failures.retryAfter(key);
    if (wait > 0) {
      tooMany(res, wait, `此地址对该用户名登录失败次数过多，请 ${minutes(wait)} 分钟后再试 / too many failed sign-ins for this username from this address: try again in ${minutes(wait)} min`);
      return;
    }
    if (inFlight.has(key)) {
      tooMany(res, 1, '该用户正在登录，请稍候 / a sign-in for this username is already under way: wait for it');
      return;
    }
    // The README publishes the demo accounts' password: in production it opens no account, whichever (and
    // the answer is the same for every username, so it tells nothing about which exist).
    if (production && password.normalize('NFKC') === DEMO_PASSWORD) {
      failures.take(key);
      res.status(401).json({
        error: '演示密码在正式环境中不能登录，请向中心主任申请设置本人密码 / the published demo password signs nobody in in production: ask your centre director to set a password of your own',
        code: 'DEMO_PASSWORD_REFUSED',
      });
      return;
    }
    const point = pointOfUsername(username);
    // No account's password is longer than 128 characters (validateNewPassword), so a longer one is wrong.
    if (!point || password.length > 128) {
      failures.take(key);
      wrong(res);
      return;
    }
    inFlight.add(key);
    try {
      const url = new URL('/internal/sign-in', subgraphUrls[SUBGRAPH_OF_LEVEL[point.level]]);
      let answer: globalThis.Response;
      try {
        answer = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [GATEWAY_CREDENTIAL_HEADER]: await credential(), [CLIENT_IP_HEADER]: ip },
          body: JSON.stringify({ username, password }),
          redirect: 'error',
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        console.error(`gateway: sign-in at ${url.origin} failed: ${(e as Error).message}`);
        res.status(503).json({ error: `${LEVEL_NAME[point.level]}系统暂时无法登录，请稍后再试 / the ${point.level.toLowerCase()} level's system is not answering; sign-in there is unavailable for now, try again in a minute`, code: 'SERVICE_UNAVAILABLE' });
        return;
      }
      if (answer.status === 401) {
        const refusal = (await answer.json().catch(() => null)) as { error?: unknown } | null;
        // A subgraph that refuses the gateway itself is misconfigured (SCF_GATEWAY_SECRET differs): that is
        // the system's fault, not a wrong password, and must not count against the username.
        if (typeof refusal?.error === 'string' && /gateway/i.test(refusal.error)) {
          console.error(`gateway: ${url.origin} refused the gateway's credential (${refusal.error}): is SCF_GATEWAY_SECRET the same on both?`);
          res.status(503).json({ error: `${LEVEL_NAME[point.level]}系统暂时无法登录，请联系管理员 / the ${point.level.toLowerCase()} level's system refused the gateway; tell the administrator`, code: 'SERVICE_UNAVAILABLE' });
          return;
        }
        failures.take(key);
        wrong(res);
        return;
      }
      const payload = answer.ok ? ((await answer.json().catch(() => null)) as { actor?: Actor; passwordSetAt?: unknown } | null) : null;
      if (!answer.ok) await answer.body?.cancel();
      const actor = payload?.actor;
      if (!actor || actor.username !== username || actor.level !== point.level || actor.pointCode !== point.pointCode) {
        console.error(`gateway: sign-in at ${url.origin} answered ${answer.status} without the account asked for`);
        res.status(503).json({ error: `${LEVEL_NAME[point.level]}系统暂时无法登录，请稍后再试 / the ${point.level.toLowerCase()} level's system could not complete the sign-in; try again in a minute`, code: 'SERVICE_UNAVAILABLE' });
        return;
      }
      const setAt = typeof payload?.passwordSetAt === 'string' ? new Date(payload.passwordSetAt) : payload?.passwordSetAt === null ? null : undefined;
      const { token, expiresAt } = await signStaffToken(actor, auth.staffSecret, auth.tokenTtlMinutes, new Date(), setAt && Number.isNaN(setAt.getTime()) ? undefined : setAt);
      // Whatever the subgraph said goes out only as the token carries it: verified, in the shape every level reads.
      const staff = await verifyStaffToken(token, auth.staffSecret);
      failures.reset(key);
      res.status(200).json({ token, expiresAt: expiresAt.toISOString(), staff });
    } catch (e) {
      const errorId = logInternalError('sign-in failed', e);
      res.status(503).json({ error: `暂时无法登录，请稍后再试（错误编号 ${errorId}）/ sign-in could not be completed; try again in a minute`, code: 'SERVICE_UNAVAILABLE', errorId });
    } finally {
      inFlight.delete(key);
    }
  });
  router.all('/sign-in', (_req, res) => {
    res.setHeader('Allow', 'POST');
    res.status(405).json({ error: '登录须用 POST /auth/sign-in 以 JSON 提交用户名和密码 / Sign in with POST /auth/sign-in and JSON { "username": "…", "password": "…" }', code: 'METHOD_NOT_ALLOWED' });
  });

  /**
   * POST /auth/password: a signed-in member of staff changes their own password, giving the current one.
   * The level that holds the account checks it (POST /internal/password); wrong guesses count against the
   * username like failed sign-ins.
   */
  router.post('/password', express.json({ limit: QUERY_LIMITS.signInBodyBytes }), async (req: Request, res: Response) => {
    let found;
    try {
      found = await actorOf(req.headers.authorization, auth.staffSecret);
    } catch (e) {
      if (!(e instanceof UnauthenticatedError)) throw e;
      res.status(401).json({ error: e.message, code: 'UNAUTHENTICATED' });
      return;
    }
    if (!found) {
      res.status(401).json({ error: '请先登录：把 POST /auth/sign-in 得到的令牌放在“authorization: Bearer <令牌>”请求头中发送 / Sign in first: send the token from POST /auth/sign-in as "authorization: Bearer <token>"', code: 'UNAUTHENTICATED' });
      return;
    }
    const { currentPassword, newPassword } = (req.body ?? {}) as Record<string, unknown>;
    if (!req.is('application/json') || typeof currentPassword !== 'string' || typeof newPassword !== 'string') {
      res.status(400).json({ error: '请以 JSON 提交当前密码和新密码 / Send JSON { "currentPassword": "…", "newPassword": "…" }', code: 'BAD_REQUEST' });
      return;
    }
    const key = found.actor.username;
    const wait = failures.retryAfter(key);
    if (wait > 0) {
      tooMany(res, wait, `失败次数过多，请 ${minutes(wait)} 分钟后再试 / too many failed attempts for this username: try again in ${minutes(wait)} min`);
      return;
    }
    try {
      const url = new URL('/internal/password', subgraphUrls[SUBGRAPH_OF_LEVEL[found.actor.level]]);
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_CREDENTIAL_HEADER]: await credential(), [CLIENT_IP_HEADER]: clientIp(req) },
        body: JSON.stringify({ username: key, currentPassword, newPassword }),
        redirect: 'error',
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await answer.json().catch(() => ({}))) as { error?: string; errorId?: string };
      if (answer.status === 200) {
        failures.reset(key);
        res.status(200).json({ changed: true });
      } else if (answer.status === 401) {
        failures.take(key);
        res.status(401).json({ error: '当前密码错误 / the current password is wrong', code: 'UNAUTHENTICATED' });
      } else if (answer.status === 400) {
        res.status(400).json({ error: body.error ?? 'the new password is not acceptable', code: 'BAD_USER_INPUT' });
      } else {
        // The level logged what went wrong under its own id; the gateway's id leads to that one.
        const errorId = logInternalError(`password change at ${url.origin} answered ${answer.status}`, body);
        res.status(503).json({ error: `暂时无法修改密码，请稍后再试（错误编号 ${errorId}）/ the password could not be changed now; try again in a minute`, code: 'SERVICE_UNAVAILABLE', errorId });
      }
    } catch (e) {
      const errorId = logInternalError('password change failed', e);
      res.status(503).json({ error: `暂时无法修改密码，请稍后再试（错误编号 ${errorId}）/ the password could not be changed now; try again in a minute`, code: 'SERVICE_UNAVAILABLE', errorId });
    }
  });

  /** Who the bearer token names, for a web client to show and to know when to sign in again. */
  router.get('/me', async (req, res) => {
    try {
      const found = await actorOf(req.headers.authorization, auth.staffSecret);
      if (!found) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="scf"');
        res.status(401).json({ error: '请先登录：把 POST /auth/sign-in 得到的令牌放在“authorization: Bearer <令牌>”请求头中发送 / Sign in first: send the token from POST /auth/sign-in as "authorization: Bearer <token>"', code: 'UNAUTHENTICATED' });
        return;
      }
      const { expiresAt } = timesOf(found.token);
      res.status(200).json({ staff: found.actor, expiresAt: expiresAt === null ? null : new Date(expiresAt * 1000).toISOString() });
    } catch (e) {
      if (!(e instanceof UnauthenticatedError)) throw e;
      res.setHeader('WWW-Authenticate', 'Bearer realm="scf", error="invalid_token"');
      res.status(401).json({ error: e.message, code: 'UNAUTHENTICATED' });
    }
  });
  return router;
}
