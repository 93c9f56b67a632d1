export * from './host.js';
export * from './migration.js';
export * from './sign-in.js';
export * from './staff-admin.js';
export * from './module.js';
