export * from './actor.js';
export * from './config.js';
export * from './password.js';
export * from './rate-limit.js';
export * from './scope.js';
export * from './tokens.js';
