import { defineModule } from '@scf/kit';
import { dutyEntities } from './entities.js';
import { dutyMigration } from './migration.js';
import { dutyResolvers } from './resolvers.js';
import { levelDutyTypeDefs, ROUTED_DUTY_FIELDS, routedDutyTypeDefs, sharedDutyTypeDefs } from './sdl.js';

/**
 * Staff on duty at every level (R24–R26, R38): working hours per point and season, four punches a day from
 * the window app or a punch machine's log, and each person's month computed from them and the county's
 * working-day calendar (the catalogue's, or its replica below the county).
 */
export const dutyModule = defineModule({
  name: 'duty',
  typeDefs: (host) => [sharedDutyTypeDefs, levelDutyTypeDefs(host.spec), ...(host.spec.level === 'COUNTY' ? [routedDutyTypeDefs] : [])],
  resolvers: (host) => {
    const own = dutyResolvers(host);
    if (host.spec.level !== 'COUNTY') return own;
    // The routed shapes reach the county only for its own points and staff: they are its own fields.
    const routed = { Query: {} as Record<string, unknown>, Mutation: {} as Record<string, unknown> };
    for (const [name, r] of Object.entries(ROUTED_DUTY_FIELDS)) {
      const target = r.field(host.spec);
      const type = target in own.Query ? 'Query' : 'Mutation';
      routed[type][name] = (own[type] as Record<string, unknown>)[target];
    }
    return [own, routed];
  },
  entities: () => dutyEntities(),
  migrations: () => [{ id: '0001-schedules-punches', create: dutyMigration }],
});
