export { caseEntities, type CaseRow, type CaseEventRow, type CaseMaterialRow, type SupervisionRow } from './entities.js';
export { casesMigration } from './migration.js';
export { sharedCaseTypeDefs, levelCaseTypeDefs } from './sdl.js';
export { LEVEL_NAMES, type LevelNames, type Level } from './level.js';
export { casesResolvers, caseRequestState, type CasesRequestContext, type HostLoaders } from './resolvers.js';
export { registerCase, type RegisterInput } from './register.js';
export { actOnCase, findCase, type ActInput } from './act.js';
export { ConflictError } from './conflict.js';
export { raiseOverdueSupervision } from './supervision.js';
export { buildNotice, type NoticeKind } from './notices.js';
export type { CasesHost } from './ports.js';
export { supervisionTask, SUPERVISION_TASK } from './supervision-task.js';
export { sharedTrackingTypeDefs, levelTrackingTypeDefs, trackingResolvers, caseViewResolver, CASE_VIEW_SELECTION, type CaseView } from './tracking.js';
export { delegationEntities, type InboundRow, type HopRow } from './entities.js';
export { delegationMigration } from './migration.js';
export { applyHandover, actOnForwarded, type ForwardedActInput } from './delegation.js';
export { delegation, delegationSettings, peerUrlFromEnv, type DelegationConfig } from './delegation-wiring.js';
export { reviewHandover, HANDOVER_EVENT_LABELS } from './handover-review.js';
export { personalDataMigration, type PersonalDataReadRow } from './personal-data.js';
export {
  sharedMyCaseTypeDefs, levelMyCaseTypeDefs, myCaseResolvers, myCaseAnswerResolver, phoneLast4Matches,
  MY_CASE_ANSWER_SELECTION, MY_CASE_POINT_SELECTION, type MyCaseAnswer, type MyCaseRef,
} from './my-case.js';
export { applicantJourney, caseFacts, chineseDate, type ApplicantJourney, type ApplicantStep, type CaseFact, type CaseForApplicant } from './plain-words.js';
export { casesModule, delegationModule, caseViewModule, myCaseViewModule, casesHostOf } from './module.js';
