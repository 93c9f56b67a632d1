export * from './entities.js';
export * from './migrations.js';
export * from './intake.js';
export * from './master.js';
export * from './replication.js';
export * from './replica-server.js';
export * from './module.js';
export * from './initials.js';
