import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

describe('sdk-operations.ts', () => {
  it('matches what scripts/gen-sdk-operations.mjs generates from the installed SDK', () => {
    const generated = execFileSync(process.execPath, ['scripts/gen-sdk-operations.mjs', '--print'], { cwd: root, encoding: 'utf8' })
    const checkedIn = readFileSync(new URL('./sdk-operations.ts', import.meta.url), 'utf8')
    expect(checkedIn, 'run `node scripts/gen-sdk-operations.mjs` after upgrading the SDK').toBe(generated)
    expect(generated).toContain("    'CreateRole',\n")
    expect(generated).toContain("    'AssumeRole',\n")
    expect(generated).toContain("    'ListObjectsV2',\n")
  })
})
