import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { buildPlan } from '../src/engine/plan/plan.js'
import { IamflowError, InputError } from '../src/errors.js'
import { ScenarioInvalidError } from '../src/scenario/diagnostics.js'
import { loadScenarioText } from '../src/scenario/load.js'

const base = readFileSync('scenarios/assume-role.yaml', 'utf8')
/** FUZZ_RUNS / FUZZ_SEED explore further than the CI defaults. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

/** Loads and plans; any failure must be an InputError whose every problem is well formed. */
function check(text: string): void {
  try {
    buildPlan(loadScenarioText(text, 'fuzz.yaml'))
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    const list: IamflowError[] = err instanceof ScenarioInvalidError ? [...err.errors] : [err]
    expect(list.length).toBeGreaterThan(0)
    for (const e of list) {
      expect(e.exitCode).toBe(2)
      expect(e.message).not.toMatch(/\bundefined\b|\[object Object\]/)
      expect(e.hint).toBeTruthy()
      if (e.location) {
        expect(e.location.line).toBeGreaterThanOrEqual(1)
        expect(e.location.column).toBeGreaterThanOrEqual(1)
      }
    }
  }
}

/** Every path to a value in plain data. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]))
  return out
}

function mutate(data: unknown, path: Array<string | number>, op: number, replacement: unknown): unknown {
  if (path.length === 0) return op === 0 ? replacement : data
  const copy = structuredClone(data) as Record<string | number, unknown>
  let parent = copy
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>
  const key = path[path.length - 1]
  if (op === 0) parent[key] = replacement
  else if (op === 1) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]
  else if (op === 2) parent[key] = [parent[key], parent[key]]
  else parent[`${String(key)}x`] = parent[key]
  return copy
}

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('${{ ', '${{ userArn }}', '${{ nope }}', '${aws:username}', '/(/', 'iam.createRol', '-1', 'operator', 'run', ''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
)

describe('fuzzed scenarios never crash validate or plan', () => {
  it('structural mutations of the example scenario', () => {
    const data = parse(base)
    const all = paths(data)
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(all.length - 1), fc.nat(3), value), { minLength: 1, maxLength: 4 }), (ops) => {
        let doc: unknown = data
        for (const [i, op, v] of ops) {
          const ps = paths(doc)
          doc = mutate(doc, ps[i % ps.length], op, v)
        }
        check(stringify(doc))
      }),
      { numRuns: RUNS, seed: SEED ?? 20261123 },
    )
  })

  it('text mutations (insertions, deletions, swaps of characters)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length), fc.nat(8), fc.constantFrom(':', '-', ' ', '\t', '\n', '"', "'", '{', '[', '&a', '*a', '#', '\u0000', 'é', '${{')), { minLength: 1, maxLength: 5 }), (edits) => {
        let text = base
        for (const [at, len, insert] of edits) {
          const i = at % (text.length + 1)
          text = text.slice(0, i) + insert + text.slice(i + (len % 3))
        }
        check(text)
      }),
      { numRuns: RUNS, seed: SEED ?? 7 },
    )
  })
})
