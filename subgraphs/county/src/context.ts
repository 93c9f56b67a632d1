import type { caseRequestState } from '@scf/cases';
import type { LevelContext } from '@scf/kit';
import type { CountyLoaders } from './county.host.js';
import type { itemLoaders } from './items/item.loaders.js';
import type { calendarLoaders } from './calendar/calendar.loaders.js';
import type { complaintLoaders } from './complaints/complaint.loaders.js';
import type { PublicTrackingGuard } from './tracking/public-tracking.limits.js';

/** A county request's context as its modules build it (see county/src/level.ts). */
export type CountyContext = LevelContext<CountyLoaders & ReturnType<typeof itemLoaders> & ReturnType<typeof calendarLoaders> & ReturnType<typeof complaintLoaders>> & {
  cases: ReturnType<typeof caseRequestState>;
  kick?: () => void;
  publicTracking?: PublicTrackingGuard;
};
