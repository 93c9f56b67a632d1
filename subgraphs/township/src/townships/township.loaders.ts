import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import { Township } from './township.entity.js';

export function townshipLoaders(em: EntityManager) {
  return {
    townshipByCode: byKeyLoader<string, Township>((codes) => em.find(Township, { code: { $in: [...codes] } }), (t) => t.code),
    townshipsByCounty: childrenLoader<string, Township>(
      (codes) => em.find(Township, { countyCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (t) => t.countyCode,
    ),
  };
}
