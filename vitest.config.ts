import { configDefaults, defineConfig } from 'vitest/config';
import { SLOW_TESTS } from './test/slowTests.ts';

// `npm test`: everything but the slow files; `npm run test:slow` (vitest.slow.config.ts) runs those.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...SLOW_TESTS],
    setupFiles: ['test/setup/fastCheckSeed.ts'],
    testTimeout: 30_000,
    // Worker threads that keep loaded modules between files: the sources load once per worker, not once
    // per file (npm test 139 s → about 90 s here). Tests keep no state in modules between files.
    pool: 'threads',
    isolate: false,
  },
});
