import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests start a whole federation, seed a county and drive Chromium: seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // One federation and one browser at a time.
    fileParallelism: false,
    env: { APOLLO_TELEMETRY_DISABLED: '1' },
  },
});
