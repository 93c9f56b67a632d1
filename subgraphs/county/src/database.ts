import { openDatabase, type SqlCounter } from '@scf/kit';
import { caseEntities, casesMigration } from '@scf/cases';
import { CountyEntity } from './counties/county.entity.js';
import { CountyStaffEntity, ServiceWindowEntity, WindowUnitEntity } from './staff/staff.entity.js';
import { catalogueEntities, catalogueMigration } from '@scf/catalogue';
import { m0001 } from './migrations/0001-service-points-staff-items.js';

export const entities = [CountyEntity, WindowUnitEntity, ServiceWindowEntity, CountyStaffEntity];
export const migrations = [m0001, catalogueMigration('COUNTY'), casesMigration('0003-cases')];

export function openCountyDatabase(url: string, opts: { migrate?: boolean; sqlCounter?: SqlCounter } = {}) {
  // Catalogue and case entities are built fresh per database: ORMs in one process never share metadata.
  return openDatabase({ url, entities: [...entities, ...catalogueEntities(), ...caseEntities()], migrations, ...opts });
}
