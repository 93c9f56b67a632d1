import { openDatabase, type SqlCounter } from '@scf/kit';
import { CountyEntity } from './counties/county.entity.js';
import { CountyStaffEntity, ServiceWindowEntity, WindowUnitEntity } from './staff/staff.entity.js';
import { ItemMaterialEntity, ServiceItemEntity } from './items/item.entity.js';
import { m0001 } from './migrations/0001-service-points-staff-items.js';

export const entities = [CountyEntity, WindowUnitEntity, ServiceWindowEntity, CountyStaffEntity, ServiceItemEntity, ItemMaterialEntity];
export const migrations = [m0001];

export function openCountyDatabase(url: string, opts: { migrate?: boolean; sqlCounter?: SqlCounter } = {}) {
  return openDatabase({ url, entities, migrations, ...opts });
}
