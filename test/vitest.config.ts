import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'browser/**'],
    // Whole counties are seeded per file; MariaDB DDL for fresh databases takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { APOLLO_TELEMETRY_DISABLED: '1' },
  },
});
