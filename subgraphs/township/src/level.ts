import { accountsModule } from '@scf/accounts';
import { caseViewModule, casesModule, delegationModule, myCaseViewModule } from '@scf/cases';
import { catalogueReplicaModule } from '@scf/catalogue';
import { levelDashboardModule } from '@scf/dashboard';
import { handoverModule } from '@scf/handover';
import { dutyModule } from '@scf/duty';
import { defineLevel, type LevelConfig } from '@scf/kit';
import { townshipHost } from './township.host.js';

/** The township subgraph: its host and the modules it mounts, in order. Adding a domain is one line. */
export const township = defineLevel(townshipHost, [
  accountsModule,
  catalogueReplicaModule,
  casesModule,
  handoverModule,
  delegationModule,
  caseViewModule,
  myCaseViewModule,
  levelDashboardModule,
  dutyModule,
]);

export type TownshipServerConfig = LevelConfig<typeof township.modules>;
