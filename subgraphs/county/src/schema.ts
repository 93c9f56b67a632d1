import { parse } from 'graphql';
import { federationLink, sharedEnums } from '@scf/kit';
import { countyTypeDefs } from './counties/county.graphql.js';
import { countyResolvers } from './counties/county.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';
import { itemTypeDefs } from './items/item.graphql.js';
import { itemResolvers } from './items/item.resolvers.js';
import { mergeResolvers } from '@scf/kit';

export const typeDefs = parse([federationLink, sharedEnums, countyTypeDefs, staffTypeDefs, itemTypeDefs].join('\n'));
export const resolvers = mergeResolvers(countyResolvers, staffResolvers, itemResolvers);
