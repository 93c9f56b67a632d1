import type { EntityManager } from '@mikro-orm/knex';
import { canManageStaff, ForbiddenError, hashPassword, requireManageAccount, pointOfUsername, requireActor, validateNewPassword, verifyPassword, type Actor, type AuthConfig, authConfigFromEnv } from '@scf/auth';
import { invalid, isBlank, LEVEL_SPECS, optionalText, validatePhone } from '@scf/domain';
import { fromGateway, type SubgraphRoute } from '@scf/kit';
import type { MikroORM } from '@mikro-orm/core';
import type { AccountsHost, NewStaffInput } from './host.js';

/** Identical in every subgraph, so composition merges it without hints. */
export const sharedAccountsTypeDefs = /* GraphQL */ `
  "A new member of staff. The username starts with their point's code (e.g. 140925100207.wang)."
  input NewStaffInput {
    pointCode: ID!
    username: String!
    name: String!
    role: StaffRole!
    post: Post
    phone: String
    "County: the window unit and window they sit at."
    unitId: ID
    windowId: ID
    "Township: the desk's business (民政, 社保...)."
    desk: String
    "A first password (at least 10 characters); they should change it after signing in."
    password: String!
  }
`;

export function accountsTypeDefs(type: AccountsHost['type'], label: string) {
  return /* GraphQL */ `
  extend type Mutation {
    """
    Adds a member of staff at a ${label}. Clerks and chief representatives: the point's director, the township
    director for its villages, or the county director. Directors and supervisors: only the level above (the
    county director for a township's; the county centre's own with npm run create-director).
    """
    add${type}Staff(input: NewStaffInput!): ${type}Staff!
    "Sets a new password for a member of staff at a ${label} (e.g. one who forgot theirs); allowed as add${type}Staff is for the account's role."
    set${type}StaffPassword(username: ID!, password: String!): ${type}Staff!
    "Deactivates (false) or reactivates a member of staff at a ${label}: a deactivated account cannot sign in or act. Allowed as add${type}Staff is for the account's role."
    set${type}StaffActive(username: ID!, active: Boolean!): ${type}Staff!
  }
`;
}

interface AccountsContext {
  em: EntityManager;
  actor: Actor | null;
}

const NAME = /^[^<>&"'`\\\u0000-\u001f]{1,32}$/u;
/** A township desk's business (民政, 社保, 计生…); the column holds 64. */
const DESK_MAX = 32;

export function accountsResolvers(host: AccountsHost) {
  async function managed(ctx: AccountsContext, username: string, what: string) {
    const actor = requireActor(ctx.actor);
    // Permission first, from the point the username names: an outsider learns nothing of which accounts exist.
    const where = pointOfUsername(username);
    if (!where || where.level !== host.level) invalid('username', `用户名 ${JSON.stringify(username)} 不是本级（${LEVEL_SPECS[host.level].word}）的用户名 / ${JSON.stringify(username)} is not a ${host.level.toLowerCase()} username`);
    if (!canManageStaff(actor, where.pointCode)) throw new ForbiddenError(`无权管理 ${where.pointCode} 的工作人员账号 / ${actor.username} may not manage the staff of ${where.pointCode}`);
    const account = await host.findAccount(ctx.em, username);
    if (!account || account.pointCode !== where.pointCode) invalid('username', `本级没有用户名为 ${JSON.stringify(username)} 的工作人员 / no member of staff ${JSON.stringify(username)} at this level`);
    // The role is known only now: a director may not change a peer director's or a supervisor's account.
    requireManageAccount(actor, where.pointCode, account.role, what);
    return account;
  }
  return {
    Mutation: {
      async [`add${host.type}Staff`](_: unknown, { input }: { input: NewStaffInput & { password: string } }, ctx: AccountsContext) {
        const actor = requireActor(ctx.actor);
        const where = pointOfUsername(input.username);
        if (!where) invalid('username', '用户名须为收件点代码加一个英文句点，再加 1 至 32 位小写字母、数字、句点、连字符或下划线（如 140925100207.wang） / must be the point code, a dot, then 1–32 lower-case letters, digits, dots, dashes or underscores (e.g. 140925100207.wang)');
        if (where.pointCode !== input.pointCode) invalid('username', `用户名须以收件点代码 ${input.pointCode} 开头 / must start with the point code ${input.pointCode}`);
        if (where.level !== host.level) invalid('pointCode', `代码 ${input.pointCode} 不是${LEVEL_SPECS[host.level].word}级收件点的代码 / ${input.pointCode} is not a ${host.level.toLowerCase()} code`);
        requireManageAccount(actor, input.pointCode, input.role, `add a ${input.role} at ${input.pointCode}`);
        if (isBlank(input.name) || !NAME.test(input.name.trim())) invalid('name', '姓名须为 1 至 32 个字，不能含标记符号或控制字符 / must be 1–32 characters without markup or control characters');
        if (input.phone) validatePhone(input.phone);
        const desk = optionalText(input.desk, 'desk', DESK_MAX);
        for (const f of ['unitId', 'windowId'] as const) {
          if (input[f] != null && !/^\d{1,9}$/.test(String(input[f]))) invalid(f, `${f === 'unitId' ? '所属科室' : '所在窗口'}应为数字编号 / must be the number of a ${f === 'unitId' ? 'window unit' : 'window'}, got ${JSON.stringify(String(input[f]).slice(0, 40))}`);
        }
        validateNewPassword(input.password, input.username);
        if (!(await host.pointExists(ctx.em, input.pointCode))) invalid('pointCode', `本级没有代码为 ${input.pointCode} 的收件点，请先导入其所在县的数据 / ${input.pointCode} is not a point at this level; seed its county first`);
        if (await host.findAccount(ctx.em, input.username)) invalid('username', `用户名 ${input.username} 已被占用，请换一个 / ${input.username} is taken`);
        return host.createStaff(ctx.em, { ...input, name: input.name.trim(), desk }, await hashPassword(input.password));
      },
      async [`set${host.type}StaffPassword`](_: unknown, { username, password }: { username: string; password: string }, ctx: AccountsContext) {
        const account = await managed(ctx, username, `set the password of ${username}`);
        validateNewPassword(password, username);
        await ctx.em.nativeUpdate(host.staffEntity, { id: account.id }, { passwordHash: await hashPassword(password), passwordSetAt: new Date() });
        return host.loadStaff(ctx.em, username);
      },
      async [`set${host.type}StaffActive`](_: unknown, { username, active }: { username: string; active: boolean }, ctx: AccountsContext) {
        // Said before the role check, which would refuse a director their own account with a vaguer reason.
        if (!active && ctx.actor && username === ctx.actor.username) invalid('active', '不能停用自己的账号 / nobody can deactivate their own account');
        const account = await managed(ctx, username, `${active ? 'reactivate' : 'deactivate'} ${username}`);
        await ctx.em.nativeUpdate(host.staffEntity, { id: account.id }, { active });
        return host.loadStaff(ctx.em, username);
      },
    },
  };
}

/**
 * POST /internal/password, called only by the gateway for a signed-in user: changes their own password
 * after checking the current one.
 */
export function changePasswordRoute(orm: MikroORM, host: AccountsHost, auth: AuthConfig = authConfigFromEnv()): SubgraphRoute {
  return {
    path: '/internal/password',
    method: 'POST',
    async handle({ headers, body }) {
      if (!(await fromGateway(headers, auth))) return { status: 401, body: { error: '此接口只接受网关调用，不能直接访问 / only the gateway may call this' } };
      const { username, currentPassword, newPassword } = (body ?? {}) as Record<string, unknown>;
      if (typeof username !== 'string' || typeof currentPassword !== 'string' || typeof newPassword !== 'string') {
        return { status: 400, body: { error: '请求须以文本提供用户名、当前密码和新密码（username、currentPassword、newPassword） / send {"username", "currentPassword", "newPassword"} as strings' } };
      }
      const em = orm.em.fork() as EntityManager;
      const account = await host.findAccount(em, username);
      if (!(await verifyPassword(currentPassword, account?.active ? account.passwordHash : null)) || !account) return { status: 401, body: { error: '当前密码不对，请重新输入 / the current password is wrong' } };
      try {
        validateNewPassword(newPassword, username);
      } catch (e) {
        return { status: 400, body: { error: (e as Error).message } };
      }
      await em.nativeUpdate(host.staffEntity, { id: account.id }, { passwordHash: await hashPassword(newPassword), passwordSetAt: new Date() });
      return { status: 200, body: { changed: true } };
    },
  };
}
