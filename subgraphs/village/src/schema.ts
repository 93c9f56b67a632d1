import { parse } from 'graphql';
import { sharedDashboardTypeDefs } from '@scf/dashboard';
import { villageDashboardResolvers, villageDashboardTypeDefs } from './dashboard/dashboard.host.js';
import { accountsResolvers, accountsTypeDefs, sharedAccountsTypeDefs } from '@scf/accounts';
import { villageAccounts } from './staff/staff.accounts.js';
import { LEVEL_NAMES, levelMyCaseTypeDefs, levelTrackingTypeDefs, myCaseResolvers, sharedCaseTypeDefs, sharedMyCaseTypeDefs, sharedTrackingTypeDefs, trackingResolvers } from '@scf/cases';
import type { VillageContext } from './context.js';
import { casesHost, villageCaseResolvers, villageCaseTypeDefs } from './cases/cases.host.js';
import { federationLink, mergeResolvers, sharedEnums } from '@scf/kit';
import { villageTypeDefs } from './villages/village.graphql.js';
import { villageResolvers } from './villages/village.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

export const typeDefs = parse([federationLink, sharedEnums, sharedAccountsTypeDefs, accountsTypeDefs('Village', 'village service room'), villageTypeDefs, staffTypeDefs, sharedCaseTypeDefs, villageCaseTypeDefs, sharedTrackingTypeDefs, levelTrackingTypeDefs(LEVEL_NAMES.VILLAGE), sharedMyCaseTypeDefs, levelMyCaseTypeDefs(LEVEL_NAMES.VILLAGE), sharedDashboardTypeDefs, villageDashboardTypeDefs].join('\n'));
export const resolvers = mergeResolvers(accountsResolvers(villageAccounts), villageResolvers, staffResolvers, villageCaseResolvers,
  trackingResolvers(LEVEL_NAMES.VILLAGE, async (ctx: VillageContext, code) => (await ctx.loaders.villageByCode.load(code))?.name ?? code),
  myCaseResolvers(LEVEL_NAMES.VILLAGE, casesHost),
  villageDashboardResolvers,
);
