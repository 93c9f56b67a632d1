import { parse } from 'graphql';
import { federationLink, mergeResolvers, sharedEnums } from '@scf/kit';
import { townshipTypeDefs } from './townships/township.graphql.js';
import { townshipResolvers } from './townships/township.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

export const typeDefs = parse([federationLink, sharedEnums, townshipTypeDefs, staffTypeDefs].join('\n'));
export const resolvers = mergeResolvers(townshipResolvers, staffResolvers);
