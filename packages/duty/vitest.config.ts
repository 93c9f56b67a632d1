import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fresh MariaDB databases per file take seconds of DDL; the tests themselves never sleep for long.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two ORMs on one embedded file in parallel files would only slow each other down.
    fileParallelism: false,
  },
});
