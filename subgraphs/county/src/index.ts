export { county, type CountyServerConfig } from './level.js';
export { countyHost } from './county.host.js';
export type { CountyContext } from './context.js';
export * from './counties/county.entity.js';
export * from './staff/staff.entity.js';
export { DEFAULT_PUBLIC_TRACKING_LIMITS, type PublicTrackingLimits } from './tracking/public-tracking.limits.js';
