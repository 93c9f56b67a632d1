import { accountsMigration } from '@scf/accounts';
import { openDatabase, type SqlCounter } from '@scf/kit';
import { personalDataMigration, caseEntities, casesMigration, delegationEntities, delegationMigration } from '@scf/cases';
import { handoverEntities, handoverMigration, handoverReviewMigration } from '@scf/handover';
import { dashboardMigration } from '@scf/dashboard';
import { CountyEntity } from './counties/county.entity.js';
import { CountyStaffEntity, ServiceWindowEntity, WindowUnitEntity } from './staff/staff.entity.js';
import { catalogueEntities, catalogueMigration, catalogueScopesMigration } from '@scf/catalogue';
import { m0001 } from './migrations/0001-service-points-staff-items.js';
import { complaintEntities } from './complaints/complaint.entity.js';
import { complaintsMigration } from './complaints/complaint.migration.js';

export const entities = [CountyEntity, WindowUnitEntity, ServiceWindowEntity, CountyStaffEntity, ...complaintEntities];
export const migrations = [m0001, catalogueMigration('COUNTY'), casesMigration('0003-cases'), delegationMigration('0004-delegation'), handoverMigration('0005-handover'), dashboardMigration('0006-dashboard'), accountsMigration('0007-accounts'), complaintsMigration, personalDataMigration('0009-personal-data-reads'), catalogueScopesMigration('COUNTY'), handoverReviewMigration('0010-handover-review')];

export function openCountyDatabase(url: string, opts: { migrate?: boolean; sqlCounter?: SqlCounter } = {}) {
  // Catalogue and case entities are built fresh per database: ORMs in one process never share metadata.
  return openDatabase({ url, entities: [...entities, ...catalogueEntities(), ...caseEntities(), ...delegationEntities(), ...handoverEntities()], migrations, ...opts });
}
