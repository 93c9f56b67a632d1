import type { EntityManager } from '@mikro-orm/knex';
import type { WorkingCalendar } from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';

/** Each county's working calendar, read once per request (one query for its overrides). `fresh` re-reads after a change. */
export function calendarLoaders(em: EntityManager) {
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  return {
    calendar(countyCode: string, fresh = false): Promise<WorkingCalendar> {
      let calendar = calendars.get(countyCode);
      if (fresh || !calendar) calendars.set(countyCode, (calendar = loadCalendar(em.fork() as EntityManager, countyCode)));
      return calendar;
    },
  };
}
