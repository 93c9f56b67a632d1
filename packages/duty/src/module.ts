import { defineModule } from '@scf/kit';
import { dutyEntities } from './entities.js';
import { dutyMigration } from './migration.js';
import { dutyResolvers } from './resolvers.js';
import { levelDutyTypeDefs, sharedDutyTypeDefs } from './sdl.js';

/**
 * Staff on duty at every level (R24–R26, R38): working hours per point and season, four punches a day from
 * the window app or a punch machine's log, and each person's month computed from them and the county's
 * working-day calendar (the catalogue's, or its replica below the county).
 */
export const dutyModule = defineModule({
  name: 'duty',
  typeDefs: (host) => [sharedDutyTypeDefs, levelDutyTypeDefs(host.spec)],
  resolvers: (host) => dutyResolvers(host),
  entities: () => dutyEntities(),
  migrations: () => [{ id: '0001-schedules-punches', create: dutyMigration }],
});
