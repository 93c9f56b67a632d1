import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import { Village } from './village.entity.js';

export function villageLoaders(em: EntityManager) {
  return {
    villageByCode: byKeyLoader<string, Village>((codes) => em.find(Village, { code: { $in: [...codes] } }), (v) => v.code),
    villagesByTownship: childrenLoader<string, Village>(
      (codes) => em.find(Village, { townshipCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (v) => v.townshipCode,
    ),
  };
}
