export * from './database.js';
export * from './sql-counter.js';
export * from './migration.js';
export * from './errors.js';
export * from './subgraph-server.js';
export * from './loaders.js';
export * from './resolvers.js';
export * from './sdl.js';
