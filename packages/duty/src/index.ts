export * from './attendance.js';
export * from './csv.js';
export * from './entities.js';
export * from './migration.js';
export * from './module.js';
export * from './resolvers.js';
export * from './schedule.js';
export * from './sdl.js';
