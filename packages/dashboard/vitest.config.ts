import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fresh MariaDB databases per file take seconds of DDL; the figures themselves take milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own database; in parallel they would only slow each other down.
    fileParallelism: false,
  },
});
