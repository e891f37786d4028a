import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ISOLATED } from '../vitest.config.js'

/**
 * Most test files share their worker's module cache (vitest.config.ts, `isolate: false`). A file
 * that replaces modules, stubs the environment or the clock, or changes a process-wide setting
 * would leak that into the files after it, so it must be listed in ISOLATED.
 */
const PROCESS_WIDE = [
  /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|setSystemTime)\(/,
  /\bprocess\.chdir\(/,
  /\bprocess\.umask\(\s*\d/,
  /\bprocess\.env\.[A-Za-z_]+\s*=[^=]/,
  /\bprocess\.env\[[^\]]+\]\s*=[^=]/,
  /\bdelete\s+process\.env\b/,
  /\bprocess\.exitCode\s*=[^=]/,
]

const root = join(import.meta.dirname, '..')

function testFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...testFiles(path))
    else if (entry.name.endsWith('.test.ts') && !entry.name.endsWith('.long.test.ts')) out.push(path)
  }
  return out
}

describe('test isolation (vitest.config.ts)', () => {
  it('lists every default test file that changes process-wide state as ISOLATED', () => {
    const self = relative(root, import.meta.filename)
    const needing = [...testFiles('src'), ...testFiles('test')]
      .filter((file) => file !== self)
      .filter((file) => PROCESS_WIDE.some((pattern) => pattern.test(readFileSync(join(root, file), 'utf8'))))
      .sort()
    expect(needing.filter((file) => !ISOLATED.includes(file))).toEqual([])
  })

  it('names only files that exist', () => {
    expect(ISOLATED.filter((file) => !existsSync(join(root, file)))).toEqual([])
  })

  it('catches each kind of process-wide change it is meant to catch', () => {
    const samples = [
      "vi.mock('node:fs')",
      "vi.stubEnv('HOME', '/x')",
      'vi.useFakeTimers()',
      "process.chdir('/tmp')",
      "process.env.AWS_PROFILE = 'x'",
      "process.env['AWS_PROFILE'] = 'x'",
      'delete process.env.AWS_PROFILE',
      'process.exitCode = 1',
    ]
    expect(samples.filter((sample) => !PROCESS_WIDE.some((pattern) => pattern.test(sample)))).toEqual([])
    expect(PROCESS_WIDE.some((pattern) => pattern.test("if (process.env.AWS_PROFILE === 'x') {}"))).toBe(false)
  })
})
