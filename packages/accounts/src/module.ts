import { defineModule, type LevelHost } from '@scf/kit';
import type { AccountsHost } from './host.js';
import { accountsMigration } from './migration.js';
import { accountStatusRoute, signInRoute } from './sign-in.js';
import { accountsResolvers, accountsTypeDefs, changePasswordRoute, sharedAccountsTypeDefs } from './staff-admin.js';

/** What sign-in and staff management need of a level: its staff, seen through the level's host. */
export function accountsHostOf(host: LevelHost): AccountsHost {
  return {
    level: host.spec.level,
    type: host.spec.type,
    staffEntity: host.staff.entity,
    findAccount: host.staff.find,
    pointExists: async (em, code) => (await host.points.find(em, code)) !== null,
    createStaff: host.staff.create,
    loadStaff: host.staff.row,
  };
}

/** Staff accounts: sign-in and account status for the gateway, own password changes, directors managing staff. */
export const accountsModule = defineModule({
  name: 'accounts',
  typeDefs: (host) => [sharedAccountsTypeDefs, accountsTypeDefs(host.spec.type, host.spec.label)],
  resolvers: (host) => accountsResolvers(accountsHostOf(host)),
  migrations: () => [{ id: '0001-passwords', replaces: ['0007-accounts'], create: accountsMigration }],
  start({ host, orm, auth }) {
    const accounts = accountsHostOf(host);
    return { routes: [signInRoute(orm, accounts, auth), changePasswordRoute(orm, accounts, auth), accountStatusRoute(orm, accounts, auth)] };
  },
});
