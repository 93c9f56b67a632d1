import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import { ItemMaterial, ServiceItem } from './item.entity.js';

export function itemLoaders(em: EntityManager) {
  return {
    itemById: byKeyLoader<number, ServiceItem>((ids) => em.find(ServiceItem, { id: { $in: [...ids] } }), (i) => i.id),
    itemsByCounty: childrenLoader<string, ServiceItem>(
      (codes) => em.find(ServiceItem, { countyCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (i) => i.countyCode,
    ),
    materialsByItem: childrenLoader<number, ItemMaterial>(
      (ids) => em.find(ItemMaterial, { itemId: { $in: [...ids] } }, { orderBy: { itemId: 'asc', position: 'asc' } }),
      (m) => m.itemId,
    ),
  };
}
