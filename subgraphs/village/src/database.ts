import { openDatabase, type SqlCounter } from '@scf/kit';
import { VillageEntity } from './villages/village.entity.js';
import { VillageStaffEntity } from './staff/staff.entity.js';
import { m0001 } from './migrations/0001-service-points-staff.js';

export const entities = [VillageEntity, VillageStaffEntity];
export const migrations = [m0001];

export function openVillageDatabase(url: string, opts: { migrate?: boolean; sqlCounter?: SqlCounter } = {}) {
  return openDatabase({ url, entities, migrations, ...opts });
}
