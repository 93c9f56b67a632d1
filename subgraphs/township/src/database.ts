import { openDatabase, type SqlCounter } from '@scf/kit';
import { TownshipEntity } from './townships/township.entity.js';
import { TownshipStaffEntity } from './staff/staff.entity.js';
import { m0001 } from './migrations/0001-service-points-staff.js';

export const entities = [TownshipEntity, TownshipStaffEntity];
export const migrations = [m0001];

export function openTownshipDatabase(url: string, opts: { migrate?: boolean; sqlCounter?: SqlCounter } = {}) {
  return openDatabase({ url, entities, migrations, ...opts });
}
