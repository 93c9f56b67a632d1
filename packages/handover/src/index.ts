export * from './entities.js';
export * from './migration.js';
export * from './outbox.js';
export * from './relay.js';
export * from './receiver.js';
export * from './module.js';
export * from './credentials.js';
export * from './review.js';
