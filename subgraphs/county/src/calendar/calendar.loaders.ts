import type { EntityManager } from '@mikro-orm/knex';
import type { WorkingCalendar } from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';

/** The working calendar, read once per request (one query for the overrides). `fresh` re-reads after a change. */
export function calendarLoaders(em: EntityManager) {
  let calendar: Promise<WorkingCalendar> | undefined;
  return {
    calendar(fresh = false): Promise<WorkingCalendar> {
      if (fresh || !calendar) calendar = loadCalendar(em.fork() as EntityManager);
      return calendar;
    },
  };
}
