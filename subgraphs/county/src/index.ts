export { createServer, type CountyServerConfig } from './server.js';
export { openCountyDatabase, entities, migrations } from './database.js';
export { typeDefs } from './schema.js';
export * from './counties/county.entity.js';
export * from './staff/staff.entity.js';
export { DEFAULT_PUBLIC_TRACKING_LIMITS, type PublicTrackingLimits } from './tracking/public-tracking.limits.js';
