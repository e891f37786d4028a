import { defineConfig } from 'vitest/config'
import { shared } from './vitest.config.js'

/** `npm run test:long`: only the long variants (`*.long.test.ts`), which `npm test` leaves out. */
export default defineConfig({
  test: {
    ...shared,
    include: ['src/**/*.long.test.ts', 'test/**/*.long.test.ts'],
  },
})
