import { parse } from 'graphql';
import { sharedCaseTypeDefs } from '@scf/cases';
import { townshipCaseResolvers, townshipCaseTypeDefs } from './cases/cases.host.js';
import { federationLink, mergeResolvers, sharedEnums } from '@scf/kit';
import { townshipTypeDefs } from './townships/township.graphql.js';
import { townshipResolvers } from './townships/township.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

export const typeDefs = parse([federationLink, sharedEnums, townshipTypeDefs, staffTypeDefs, sharedCaseTypeDefs, townshipCaseTypeDefs].join('\n'));
export const resolvers = mergeResolvers(townshipResolvers, staffResolvers, townshipCaseResolvers);
