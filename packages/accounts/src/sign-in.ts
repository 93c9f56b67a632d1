import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { authConfigFromEnv, pointOfUsername, verifyPassword, type AuthConfig } from '@scf/auth';
import { LEVEL_SPECS } from '@scf/domain';
import { fromGateway, type SubgraphRoute } from '@scf/kit';
import { actorOf, type AccountsHost } from './host.js';

/**
 * POST /internal/sign-in, called only by the gateway (its credential is required): checks a password
 * against this level's accounts and answers the actor the gateway will put in a signed token. Every
 * refusal has the same message and costs the same hash, so it never tells whether an account exists.
 */
export function signInRoute(orm: MikroORM, host: AccountsHost, auth: AuthConfig = authConfigFromEnv()): SubgraphRoute {
  const refused = { status: 401, body: { error: '用户名或密码不对，请重新输入 / wrong username or password' } };
  return {
    path: '/internal/sign-in',
    method: 'POST',
    async handle({ headers, body }) {
      if (!(await fromGateway(headers, auth))) return { status: 401, body: { error: '此接口只接受网关调用，不能直接访问 / only the gateway may call this' } };
      const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || typeof password !== 'string' || password.length > 128) return { status: 400, body: { error: '请求须以文本提供用户名和密码（username、password） / send {"username": string, "password": string}' } };
      const where = pointOfUsername(username);
      const account = where?.level === host.level ? await host.findAccount(orm.em.fork() as EntityManager, username) : null;
      const ok = await verifyPassword(password, account?.active ? account.passwordHash : null);
      if (!ok || !account) return refused;
      // When the password was set travels into the token, so that a later reset ends exactly this sign-in.
      return { status: 200, body: { actor: actorOf(account), passwordSetAt: account.passwordSetAt?.toISOString() ?? null } };
    },
  };
}

/**
 * POST /internal/account, for the gateway only: whether an account may still use the tokens it holds — it
 * is active, and when its password was last set (a reset ends every earlier sign-in). The gateway asks
 * this before trusting a token, and caches the answer briefly.
 */
export function accountStatusRoute(orm: MikroORM, host: AccountsHost, auth: AuthConfig = authConfigFromEnv()): SubgraphRoute {
  return {
    path: '/internal/account',
    method: 'POST',
    async handle({ headers, body }) {
      if (!(await fromGateway(headers, auth))) return { status: 401, body: { error: '此接口只接受网关调用，不能直接访问 / only the gateway may call this' } };
      const { username } = (body ?? {}) as { username?: unknown };
      if (typeof username !== 'string' || pointOfUsername(username)?.level !== host.level) return { status: 400, body: { error: `请提供本级（${LEVEL_SPECS[host.level].word}）工作人员账号的用户名 / send {"username"} of a ${host.level.toLowerCase()} account` } };
      const account = await host.findAccount(orm.em.fork() as EntityManager, username);
      return { status: 200, body: { active: !!account?.active, passwordSetAt: account?.passwordSetAt?.toISOString() ?? null } };
    },
  };
}
