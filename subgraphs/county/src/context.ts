import type { EntityManager } from '@mikro-orm/knex';
import { countyLoaders } from './counties/county.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';
import { itemLoaders } from './items/item.loaders.js';

export function createContext(em: EntityManager) {
  return { em, loaders: { ...countyLoaders(em), ...staffLoaders(em), ...itemLoaders(em) } };
}

export type CountyContext = ReturnType<typeof createContext>;
