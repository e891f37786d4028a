import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'yaml'
import type { ScenarioValidator } from '../schema-check.js'

/** Values put in place of a document's values to make mutants (undefined removes the key). */
export const JUNK: readonly unknown[] = [undefined, 42, -1, 'has space', '', '${{ t }}', 'x'.repeat(3000), [], [1, 'a'], {}, { Nope: 1 }, null, true]

/** The scenario library and the test fixtures that are YAML at all, parsed. */
export function scenarioDocuments(): Array<{ file: string; data: unknown }> {
  const files = [
    ...readdirSync('scenarios').filter((n) => n.endsWith('.yaml')).map((n) => `scenarios/${n}`),
    ...readdirSync('test/fixtures/bad').filter((n) => n.endsWith('.yaml')).map((n) => `test/fixtures/bad/${n}`),
  ]
  return files.flatMap((file) => {
    try {
      return [{ file, data: parse(readFileSync(file, 'utf8')) as unknown }]
    } catch {
      return [] // not YAML at all: never validated
    }
  })
}

/** Every path to a value in plain data (at most `limit`). */
function paths(value: unknown, limit: number, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (out.length >= limit) return out
  out.push(at)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, limit, [...at, i], out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, limit, [...at, k], out)
  return out
}

function replaced(data: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value
  const copy = structuredClone(data) as Record<string | number, unknown>
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  if (value === undefined) delete node[path[path.length - 1]!]
  else node[path[path.length - 1]!] = value
  return copy
}

/**
 * Each document and its mutants (the first `pathsPerDocument` values of each replaced by each of
 * `junk`), with what both validators say of it: `check(file, a, b)` compares them.
 * Returns how many documents were compared.
 */
export function compareOnMutants(a: ScenarioValidator, b: ScenarioValidator, pathsPerDocument: number, junk: readonly unknown[], check: (file: string, x: unknown, y: unknown) => void): number {
  let compared = 0
  for (const { file, data } of scenarioDocuments()) {
    for (const doc of [data, ...paths(data, pathsPerDocument).flatMap((p) => junk.map((j) => replaced(data, p, j)))]) {
      check(file, a.validate(doc), b.validate(doc))
      compared++
    }
  }
  return compared
}
