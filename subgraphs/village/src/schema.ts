import { parse } from 'graphql';
import { federationLink, mergeResolvers, sharedEnums } from '@scf/kit';
import { villageTypeDefs } from './villages/village.graphql.js';
import { villageResolvers } from './villages/village.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

export const typeDefs = parse([federationLink, sharedEnums, villageTypeDefs, staffTypeDefs].join('\n'));
export const resolvers = mergeResolvers(villageResolvers, staffResolvers);
