import type { EntityManager } from '@mikro-orm/knex';
import { caseRequestState } from '@scf/cases';
import { villageLoaders } from './villages/village.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';

export function createContext(em: EntityManager, now: () => Date = () => new Date()) {
  return { em, now, cases: caseRequestState(em), loaders: { ...villageLoaders(em), ...staffLoaders(em) } };
}

export type VillageContext = ReturnType<typeof createContext>;
