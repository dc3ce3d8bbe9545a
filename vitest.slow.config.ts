import { defineConfig } from 'vitest/config';
import { SLOW_TESTS } from './test/slowTests.ts';

export default defineConfig({
  test: {
    include: [...SLOW_TESTS],
    setupFiles: ['test/setup/fastCheckSeed.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
