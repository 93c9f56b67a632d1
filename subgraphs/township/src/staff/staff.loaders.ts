import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import { TownshipStaff } from './staff.entity.js';

export function staffLoaders(em: EntityManager) {
  return {
    staffById: byKeyLoader<number, TownshipStaff>((ids) => em.find(TownshipStaff, { id: { $in: [...ids] } }), (s) => s.id),
    staffByUsername: byKeyLoader<string, TownshipStaff>((names) => em.find(TownshipStaff, { username: { $in: [...names] } }), (s) => s.username),
    staffByTownship: childrenLoader<string, TownshipStaff>(
      (codes) => em.find(TownshipStaff, { townshipCode: { $in: [...codes] }, active: true }, { orderBy: { id: 'asc' } }),
      (s) => s.townshipCode,
    ),
  };
}
