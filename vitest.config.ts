import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/gnocchi-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The handlers log structured JSON per request; tests assert behaviour, not log noise.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
