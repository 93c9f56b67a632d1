import type { EntityManager } from '@mikro-orm/knex';
import { townshipLoaders } from './townships/township.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';

export function createContext(em: EntityManager) {
  return { em, loaders: { ...townshipLoaders(em), ...staffLoaders(em) } };
}

export type TownshipContext = ReturnType<typeof createContext>;
