import { accountsMigration } from '@scf/accounts';
import { openDatabase, type SqlCounter } from '@scf/kit';
import { personalDataMigration, caseEntities, casesMigration, delegationEntities, delegationMigration } from '@scf/cases';
import { handoverEntities, handoverMigration, handoverReviewMigration } from '@scf/handover';
import { dashboardMigration } from '@scf/dashboard';
import { catalogueEntities, catalogueMigration, catalogueScopesMigration } from '@scf/catalogue';
import { TownshipEntity } from './townships/township.entity.js';
import { TownshipStaffEntity } from './staff/staff.entity.js';
import { m0001 } from './migrations/0001-service-points-staff.js';

export const entities = [TownshipEntity, TownshipStaffEntity];
export const migrations = [m0001, catalogueMigration('TOWNSHIP'), casesMigration('0003-cases'), delegationMigration('0004-delegation'), handoverMigration('0005-handover'), dashboardMigration('0006-dashboard'), accountsMigration('0007-accounts'), personalDataMigration('0009-personal-data-reads'), catalogueScopesMigration('TOWNSHIP'), handoverReviewMigration('0010-handover-review')];

export function openTownshipDatabase(url: string, opts: { migrate?: boolean; sqlCounter?: SqlCounter } = {}) {
  // Catalogue replica and case entities are built fresh per database: ORMs in one process never share metadata.
  return openDatabase({ url, entities: [...entities, ...catalogueEntities(), ...caseEntities(), ...delegationEntities(), ...handoverEntities()], migrations, ...opts });
}
