import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import { VillageStaff } from './staff.entity.js';

export function staffLoaders(em: EntityManager) {
  return {
    staffById: byKeyLoader<number, VillageStaff>((ids) => em.find(VillageStaff, { id: { $in: [...ids] } }), (s) => s.id),
    staffByUsername: byKeyLoader<string, VillageStaff>((names) => em.find(VillageStaff, { username: { $in: [...names] } }), (s) => s.username),
    staffByVillage: childrenLoader<string, VillageStaff>(
      (codes) => em.find(VillageStaff, { villageCode: { $in: [...codes] }, active: true }, { orderBy: { id: 'asc' } }),
      (s) => s.villageCode,
    ),
  };
}
