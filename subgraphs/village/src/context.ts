import type { EntityManager } from '@mikro-orm/knex';
import type { RequestIdentity } from '@scf/kit';
import { caseRequestState } from '@scf/cases';
import { villageLoaders } from './villages/village.loaders.js';
import { staffLoaders } from './staff/staff.loaders.js';

export function createContext(em: EntityManager, now: () => Date = () => new Date(), identity: RequestIdentity = { actor: null, clientIp: null }) {
  return { em, now, actor: identity.actor, clientIp: identity.clientIp, cases: caseRequestState(em), loaders: { ...villageLoaders(em), ...staffLoaders(em) } };
}

export type VillageContext = ReturnType<typeof createContext>;
