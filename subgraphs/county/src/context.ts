import type { EntityManager } from '@mikro-orm/knex';
import type { RequestIdentity } from '@scf/kit';
import { caseRequestState } from '@scf/cases';
import { countyLoaders } from './counties/county.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';
import { itemLoaders } from './items/item.loaders.js';
import { calendarLoaders } from './calendar/calendar.loaders.js';
import { complaintLoaders } from './complaints/complaint.loaders.js';

export function createContext(em: EntityManager, now: () => Date = () => new Date(), identity: RequestIdentity = { actor: null, clientIp: null }) {
  return { em, now, actor: identity.actor, clientIp: identity.clientIp, cases: caseRequestState(em), loaders: { ...countyLoaders(em), ...staffLoaders(em), ...itemLoaders(em), ...calendarLoaders(em), ...complaintLoaders(em) } };
}

export type CountyContext = ReturnType<typeof createContext>;
