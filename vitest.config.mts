import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure logic beside the code, fast, no server) and `integration` (the
 * real CMS, site and browser started by tests/; run one file at a time, they own ports).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['site/src/**/*.test.ts', 'cms/src/**/*.test.ts', 'moderation/src/**/*.test.ts', 'integrations/src/**/*.test.ts', 'emulators/src/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          globalSetup: ['tests/global-setup.ts'],
          include: ['tests/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
  ssr: { resolve: { conditions: ['@hub/source'] } },
});
