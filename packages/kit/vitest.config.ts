import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fresh MariaDB databases per file take seconds of DDL.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
