export { village, type VillageServerConfig } from './level.js';
export { villageHost, type VillageContext } from './village.host.js';
export * from './villages/village.entity.js';
export * from './staff/staff.entity.js';
