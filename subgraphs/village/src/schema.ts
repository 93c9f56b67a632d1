import { parse } from 'graphql';
import { sharedCaseTypeDefs } from '@scf/cases';
import { villageCaseResolvers, villageCaseTypeDefs } from './cases/cases.host.js';
import { federationLink, mergeResolvers, sharedEnums } from '@scf/kit';
import { villageTypeDefs } from './villages/village.graphql.js';
import { villageResolvers } from './villages/village.resolvers.js';
import { staffTypeDefs } from './staff/staff.graphql.js';
import { staffResolvers } from './staff/staff.resolvers.js';

export const typeDefs = parse([federationLink, sharedEnums, villageTypeDefs, staffTypeDefs, sharedCaseTypeDefs, villageCaseTypeDefs].join('\n'));
export const resolvers = mergeResolvers(villageResolvers, staffResolvers, villageCaseResolvers);
