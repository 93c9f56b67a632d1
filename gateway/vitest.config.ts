import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Small in-memory subgraphs: start-up takes well under a second; the limits are for a slow CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
