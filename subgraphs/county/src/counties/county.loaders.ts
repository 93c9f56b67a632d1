import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader } from '@scf/kit';
import { County } from './county.entity.js';

export function countyLoaders(em: EntityManager) {
  return {
    countyByCode: byKeyLoader<string, County>((codes) => em.find(County, { code: { $in: [...codes] } }), (c) => c.code),
  };
}
