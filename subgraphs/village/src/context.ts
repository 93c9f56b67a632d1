import type { EntityManager } from '@mikro-orm/knex';
import { villageLoaders } from './villages/village.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';

export function createContext(em: EntityManager) {
  return { em, loaders: { ...villageLoaders(em), ...staffLoaders(em) } };
}

export type VillageContext = ReturnType<typeof createContext>;
