import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CommonJS (index.js) and ESM (index.mjs). @apollo/subgraph requires the CommonJS one, so the
    // tests that execute against its schema must load that same copy, or graphql refuses a schema "from another realm".
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Fresh MariaDB databases per file take seconds of DDL; the tests themselves never sleep for long.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two ORMs on one embedded file in parallel files would only slow each other down.
    fileParallelism: false,
  },
});
