export { createServer, type TownshipServerConfig } from './server.js';
export { openTownshipDatabase, entities, migrations } from './database.js';
export { typeDefs } from './schema.js';
export * from './townships/township.entity.js';
export * from './staff/staff.entity.js';
