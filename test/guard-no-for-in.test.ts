import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Issue 12, defect 1 came through a `for (k in ctx)` loop: `for...in` walks inherited
 * enumerable keys, so one polluted `Object.prototype` changed every principal's policy context.
 * No `for...in` may come back in src/ (non-test .ts) unless listed here with the reason it is
 * safe. Iterate own keys instead: `Object.keys`, `Object.entries`, a `Map`.
 */
const ALLOWED: ReadonlyArray<{ file: string; loop: string; reason: string }> = []

const ROOT = join(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

/** Strips comments and string literals so that only code is searched. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) => m.replace(/[^\n]/g, ' '))
}

/** `for (const k in obj)`, `for (k in obj)`, `for (let [a] in obj)`: the loop heads in `text`. */
function forInLoops(text: string): string[] {
  const heads: string[] = []
  for (const m of codeOnly(text).matchAll(/\bfor\s*(?:await\s*)?\(\s*(?:(?:const|let|var)\s+)?[\w$\s[\]{},:]+?\s+in\s+[^;)]+\)/g)) heads.push(m[0].replace(/\s+/g, ' '))
  return heads
}

describe('no for...in over possibly inherited keys', () => {
  it('the detector finds every form of the loop and nothing else', () => {
    expect(forInLoops('for (const k in ctx) x()')).toEqual(['for (const k in ctx)'])
    expect(forInLoops('for(k in obj.a){}')).toEqual(['for(k in obj.a)'])
    expect(forInLoops('for (let [a, b] in x) {}')).toEqual(['for (let [a, b] in x)'])
    expect(forInLoops('for (const k of Object.keys(ctx)) {}\nfor (let i = 0; i < n; i++) {}\nif ("a" in b) {}')).toEqual([])
    expect(forInLoops('// for (const k in ctx)\nconst s = "for (k in o)"')).toEqual([])
  })

  it('src/ has none, except those allowed with a reason', () => {
    const found: string[] = []
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file)
      for (const loop of forInLoops(readFileSync(file, 'utf8'))) {
        if (!ALLOWED.some((a) => a.file === rel && a.loop === loop && a.reason.trim() !== '')) found.push(`${rel}: ${loop}`)
      }
    }
    expect(found).toEqual([])
  })
})
