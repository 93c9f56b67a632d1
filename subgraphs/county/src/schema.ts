import { parse } from 'graphql';
import { sharedCaseTypeDefs, sharedTrackingTypeDefs } from '@scf/cases';
import { trackingTypeDefs } from './tracking/tracking.graphql.js';
import { countyTrackingResolvers } from './tracking/tracking.resolvers.js';
import { countyCaseResolvers, countyCaseTypeDefs } from './cases/cases.host.js';
import { federationLink, sharedEnums } from '@scf/kit';
import { countyTypeDefs } from './counties/county.graphql.js';
import { countyResolvers } from './counties/county.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';
import { itemTypeDefs } from './items/item.graphql.js';
import { itemResolvers } from './items/item.resolvers.js';
import { calendarTypeDefs } from './calendar/calendar.graphql.js';
import { calendarResolvers } from './calendar/calendar.resolvers.js';
import { mergeResolvers } from '@scf/kit';

export const typeDefs = parse([federationLink, sharedEnums, countyTypeDefs, staffTypeDefs, itemTypeDefs, calendarTypeDefs, sharedCaseTypeDefs, countyCaseTypeDefs, sharedTrackingTypeDefs, trackingTypeDefs].join('\n'));
export const resolvers = mergeResolvers(countyResolvers, staffResolvers, itemResolvers, calendarResolvers, countyCaseResolvers, countyTrackingResolvers);
