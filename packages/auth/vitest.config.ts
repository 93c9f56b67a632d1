import { defineConfig } from 'vitest/config';

// Password hashes are deliberately slow (scrypt, ~0.1 s of CPU each): on a busy machine a test that makes a
// few of them needs more than vitest's default 5 s.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
