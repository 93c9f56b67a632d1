import { parse } from 'graphql';
import { sharedDashboardTypeDefs } from '@scf/dashboard';
import { townshipDashboardResolvers, townshipDashboardTypeDefs } from './dashboard/dashboard.host.js';
import { accountsResolvers, accountsTypeDefs, sharedAccountsTypeDefs } from '@scf/accounts';
import { townshipAccounts } from './staff/staff.accounts.js';
import { LEVEL_NAMES, levelMyCaseTypeDefs, levelTrackingTypeDefs, myCaseResolvers, sharedCaseTypeDefs, sharedMyCaseTypeDefs, sharedTrackingTypeDefs, trackingResolvers } from '@scf/cases';
import type { TownshipContext } from './context.js';
import { casesHost, townshipCaseResolvers, townshipCaseTypeDefs } from './cases/cases.host.js';
import { federationLink, mergeResolvers, sharedEnums } from '@scf/kit';
import { townshipTypeDefs } from './townships/township.graphql.js';
import { townshipResolvers } from './townships/township.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

export const typeDefs = parse([federationLink, sharedEnums, sharedAccountsTypeDefs, accountsTypeDefs('Township', 'township centre'), townshipTypeDefs, staffTypeDefs, sharedCaseTypeDefs, townshipCaseTypeDefs, sharedTrackingTypeDefs, levelTrackingTypeDefs(LEVEL_NAMES.TOWNSHIP), sharedMyCaseTypeDefs, levelMyCaseTypeDefs(LEVEL_NAMES.TOWNSHIP), sharedDashboardTypeDefs, townshipDashboardTypeDefs].join('\n'));
export const resolvers = mergeResolvers(accountsResolvers(townshipAccounts), townshipResolvers, staffResolvers, townshipCaseResolvers,
  trackingResolvers(LEVEL_NAMES.TOWNSHIP, async (ctx: TownshipContext, code) => (await ctx.loaders.townshipByCode.load(code))?.name ?? code),
  myCaseResolvers(LEVEL_NAMES.TOWNSHIP, casesHost),
  townshipDashboardResolvers,
);
