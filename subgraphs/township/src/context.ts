import type { EntityManager } from '@mikro-orm/knex';
import { caseRequestState } from '@scf/cases';
import { townshipLoaders } from './townships/township.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';

export function createContext(em: EntityManager, now: () => Date = () => new Date()) {
  return { em, now, cases: caseRequestState(em), loaders: { ...townshipLoaders(em), ...staffLoaders(em) } };
}

export type TownshipContext = ReturnType<typeof createContext>;
