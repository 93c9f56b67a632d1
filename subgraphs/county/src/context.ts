import type { EntityManager } from '@mikro-orm/knex';
import { caseRequestState } from '@scf/cases';
import { countyLoaders } from './counties/county.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';
import { itemLoaders } from './items/item.loaders.js';
import { calendarLoaders } from './calendar/calendar.loaders.js';

export function createContext(em: EntityManager, now: () => Date = () => new Date()) {
  return { em, now, cases: caseRequestState(em), loaders: { ...countyLoaders(em), ...staffLoaders(em), ...itemLoaders(em), ...calendarLoaders(em) } };
}

export type CountyContext = ReturnType<typeof createContext>;
