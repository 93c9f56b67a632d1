import type { Relay } from '@scf/handover';
import { defineModule, type LevelHost } from '@scf/kit';
import { delegationEntities, caseEntities } from './entities.js';
import { casesMigration, delegationMigration, forwardedDetailsMigration } from './migration.js';
import { personalDataMigration } from './personal-data.js';
import type { CasesHost } from './ports.js';
import { casesResolvers, caseRequestState, type HostLoaders } from './resolvers.js';
import { levelCaseTypeDefs, sharedCaseTypeDefs } from './sdl.js';
import { supervisionTask } from './supervision-task.js';
import { delegation, delegationSettings, type DelegationConfig } from './delegation-wiring.js';
import { levelTrackingTypeDefs, sharedTrackingTypeDefs, trackingResolvers } from './tracking.js';
import { levelMyCaseTypeDefs, myCaseResolvers, sharedMyCaseTypeDefs } from './my-case.js';

/** What the case lifecycle needs of a level: its points and staff, seen through the level's host. */
export function casesHostOf(host: LevelHost): CasesHost & HostLoaders {
  return {
    names: host.spec,
    findPoint: host.points.find,
    findStaff: host.staff.find,
    loadPoint: host.points.load,
    loadStaffByUsername: host.staff.load,
    ...(host.staff.unitOf ? { unitOfStaff: host.staff.unitOf } : {}),
  };
}

/** The name of a point of this level for a reader, or its code when it is not known here. */
const pointName = (host: LevelHost) => async (ctx: unknown, code: string) => ((await host.points.load(ctx, code)) as { name?: string } | null)?.name ?? code;

/**
 * Cases taken in at this level (R5–R16): registration, the lifecycle, notices, personal data and 电子监察.
 * The case tables include what delegation records (hops, cases forwarded here), which tracking reads.
 */
export const casesModule = defineModule({
  name: 'cases',
  typeDefs: (host) => [sharedCaseTypeDefs, levelCaseTypeDefs(host.spec)],
  resolvers: (host) => casesResolvers(casesHostOf(host)),
  entities: () => [...caseEntities(), ...delegationEntities()],
  migrations: () => [
    { id: '0001-cases', replaces: ['0003-cases'], create: casesMigration },
    { id: '0002-delegation', replaces: ['0004-delegation'], create: delegationMigration },
    { id: '0003-personal-data-reads', replaces: ['0009-personal-data-reads'], create: personalDataMigration },
    { id: '0004-forwarded-case-details', create: forwardedDetailsMigration },
  ],
  start: ({ orm, clock }) => ({
    tasks: [supervisionTask(orm, clock)],
    context: (em) => ({ cases: caseRequestState(em) }),
  }),
});

/**
 * Moving cases between levels (R17–R19): the hand-over endpoint that receives, and the relay that sends
 * what this level committed to its outbox. Requests get `kick` to send right after they commit.
 */
export const delegationModule = defineModule<DelegationConfig, { relay: Relay }>({
  name: 'delegation',
  requires: ['cases', 'handover'],
  // The secret and every other level's address, checked before the database opens.
  settings: (host, config) => delegationSettings(host.spec.level, config),
  start({ host, orm, clock, config }) {
    const { relay, route } = delegation(casesHostOf(host), orm, { ...config, clock });
    return { routes: [route], tasks: [relay.task], context: () => ({ kick: relay.kick }), exposes: { relay }, close: () => relay.close() };
  },
});

/** This level's view of a case for `trackCase`, which the county composes from every level's view (R20). */
export const caseViewModule = defineModule({
  name: 'case-view',
  requires: ['cases'],
  typeDefs: (host) => [sharedTrackingTypeDefs, levelTrackingTypeDefs(host.spec)],
  resolvers: (host) => trackingResolvers(host.spec, pointName(host)),
});

/** This level's answer for an applicant's own lookup (`trackMyCase`), which the county composes. */
export const myCaseViewModule = defineModule({
  name: 'my-case-view',
  requires: ['cases'],
  typeDefs: (host) => [sharedMyCaseTypeDefs, levelMyCaseTypeDefs(host.spec)],
  resolvers: (host) => myCaseResolvers(host.spec, casesHostOf(host)),
});
