export { township, type TownshipServerConfig } from './level.js';
export { townshipHost, type TownshipContext } from './township.host.js';
export * from './townships/township.entity.js';
export * from './staff/staff.entity.js';
