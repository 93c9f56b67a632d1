import { accountsModule } from '@scf/accounts';
import { casesModule, delegationModule } from '@scf/cases';
import { handoverModule } from '@scf/handover';
import { dutyModule } from '@scf/duty';
import { defineLevel, type LevelConfig } from '@scf/kit';
import { calendarModule } from './calendar/calendar.module.js';
import { complaintsModule } from './complaints/complaints.module.js';
import { countyHost } from './county.host.js';
import { countyDashboardModule } from './dashboard/dashboard.module.js';
import { catalogueMasterModule } from './items/items.module.js';
import { publicTrackingModule, trackingModule } from './tracking/tracking.module.js';

/** The county subgraph: its host and the modules it mounts, in order. Adding a domain is one line. */
export const county = defineLevel(countyHost, [
  accountsModule,
  catalogueMasterModule,
  calendarModule,
  casesModule,
  handoverModule,
  delegationModule,
  trackingModule,
  publicTrackingModule,
  complaintsModule,
  countyDashboardModule,
  dutyModule,
]);

export type CountyServerConfig = LevelConfig<typeof county.modules>;
