import { defineConfig } from 'vitest/config'

/**
 * `npm test`: the default suite. Long variants (`*.long.test.ts`: the same checks over every lab
 * or many more rounds, minutes each) run with `npm run test:long` (vitest.long.config.ts); CI
 * (`.ci/run`) runs both.
 */
export const shared = {
  // Builds dist/ and the bin's bundle once, for the tests that spawn the CLI (test/cli-*.test.ts).
  globalSetup: ['test/global-setup.ts'],
  pool: 'forks',
  maxWorkers: 2,
  testTimeout: 30_000,
  hookTimeout: 60_000,
} as const

export default defineConfig({
  test: {
    ...shared,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.long.test.ts'],
  },
})
