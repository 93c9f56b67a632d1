import type { EntityManager } from '@mikro-orm/knex';
import { byKeyLoader, childrenLoader } from '@scf/kit';
import type { ItemChangeRow, ItemMaterialRow, ServiceItemRow } from '@scf/catalogue';

export function itemLoaders(em: EntityManager) {
  return {
    itemById: byKeyLoader<number, ServiceItemRow>((ids) => em.find<ServiceItemRow>('ServiceItem', { id: { $in: [...ids] } }), (i) => i.id),
    // Every catalogue question of a request (County.serviceItems, itemsTakenIn, itemsDecided of any point) is one IN query.
    itemsByCounty: childrenLoader<string, ServiceItemRow>(
      (codes) => em.find<ServiceItemRow>('ServiceItem', { countyCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (i) => i.countyCode,
    ),
    materialsByItem: childrenLoader<number, ItemMaterialRow>(
      (ids) => em.find<ItemMaterialRow>('ItemMaterial', { itemId: { $in: [...ids] } }, { orderBy: { itemId: 'asc', position: 'asc' } }),
      (m) => m.itemId,
    ),
    changesByItem: childrenLoader<number, ItemChangeRow>(
      (ids) => em.find<ItemChangeRow>('ItemChange', { itemId: { $in: [...ids] } }, { orderBy: { itemId: 'asc', id: 'asc' } }),
      (c) => c.itemId,
    ),
  };
}
