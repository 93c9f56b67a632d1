import { sharedMyCaseTypeDefs, sharedTrackingTypeDefs } from '@scf/cases';
import { defineModule } from '@scf/kit';
import { publicTrackingTypeDefs } from './public-tracking.graphql.js';
import { PublicTrackingGuard, type PublicTrackingLimits } from './public-tracking.limits.js';
import { publicTrackingResolvers } from './public-tracking.resolvers.js';
import { trackingTypeDefs } from './tracking.graphql.js';
import { countyTrackingResolvers } from './tracking.resolvers.js';

/** `trackCase` (R20): the county composes a case's journey from every level's view of it. */
export const trackingModule = defineModule({
  name: 'tracking',
  requires: ['cases'],
  typeDefs: () => [sharedTrackingTypeDefs, trackingTypeDefs],
  resolvers: () => countyTrackingResolvers,
});

export interface PublicTrackingConfig {
  /** trackMyCase's limits: default 20 lookups a minute per client, 5 wrong checks an hour per case number. */
  publicTrackingLimits?: Partial<PublicTrackingLimits>;
}

/** `trackMyCase`: an applicant's own lookup with the case number and the phone's last four digits, no sign-in. */
export const publicTrackingModule = defineModule<PublicTrackingConfig>({
  name: 'public-tracking',
  requires: ['cases'],
  typeDefs: () => [sharedMyCaseTypeDefs, publicTrackingTypeDefs],
  resolvers: () => publicTrackingResolvers,
  start({ config, clock }) {
    // One guard per server: its counts of lookups and wrong checks outlive each request.
    const publicTracking = new PublicTrackingGuard(config.publicTrackingLimits, clock);
    return { context: () => ({ publicTracking }) };
  },
});
