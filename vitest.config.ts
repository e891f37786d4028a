import { defineConfig } from 'vitest/config'

/**
 * `npm test`: the default suite. Long variants (`*.long.test.ts`: the same checks over every lab
 * or many more rounds, minutes each) run with `npm run test:long` (vitest.long.config.ts); CI
 * (`.ci/run`) runs both.
 */
const perProject = { pool: 'forks', testTimeout: 30_000, hookTimeout: 60_000 } as const
export const shared = {
  ...perProject,
  // Builds dist/ and the bin's bundle once, for the tests that spawn the CLI (test/cli-*.test.ts).
  globalSetup: ['test/global-setup.ts'],
  maxWorkers: 2,
}

/**
 * Files that replace modules (`vi.mock`), stub the environment or the clock, or change
 * process-wide settings: each runs in a fresh module graph. Every other file shares its worker's
 * module cache with the files before it (`isolate: false`): importing the SDK and the emulator
 * once per worker instead of once per file took `npm test`'s import time from 153 s to about
 * 60 s. A test file therefore must not leave process-wide state behind (a listening server, a
 * changed `process.env`, a patched global); `test/vitest-isolation.test.ts` keeps this list
 * complete.
 */
export const ISOLATED = [
  'src/actions/lazy-sdk.test.ts',
  'test/runner-error-codes.test.ts',
  'test/reporters-output.test.ts',
  'test/plan-build.test.ts',
  'test/authoring-serve.test.ts',
  'test/emulator-chunk-signature.test.ts',
]

const DEFAULT_INCLUDE = ['src/**/*.test.ts', 'test/**/*.test.ts']
const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/*.long.test.ts']

export default defineConfig({
  test: {
    ...shared,
    projects: [
      // The build (globalSetup) and the worker count are the root's: the build runs once.
      { test: { ...perProject, name: 'isolated', include: ISOLATED, exclude: DEFAULT_EXCLUDE, isolate: true } },
      { test: { ...perProject, name: 'shared', include: DEFAULT_INCLUDE, exclude: [...DEFAULT_EXCLUDE, ...ISOLATED], isolate: false } },
    ],
  },
})
