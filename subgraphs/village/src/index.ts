export { createServer, type VillageServerConfig } from './server.js';
export { openVillageDatabase, entities, migrations } from './database.js';
export { typeDefs } from './schema.js';
export * from './villages/village.entity.js';
export * from './staff/staff.entity.js';
