import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain JavaScript script, no declarations
import { cycles, importGraph } from '../scripts/import-graph.mjs'

/**
 * The layers of src/ (conventions: "The house"), checked over the import graph, type-only and
 * dynamic imports included: data flows YAML -> scenario -> engine -> actions -> aws, events
 * flow out to reporters; policy/ and aws-model/ import nothing of ours.
 */
const graph = importGraph() as Map<string, string[]>

/**
 * Each folder and the only places its modules may import (besides itself, src/errors.ts and the
 * leaf src/safe-object.ts: prototype-free records, which every layer that stores keys chosen by
 * a request, a policy or a scenario needs, the pure policy engine included).
 */
const LEAVES = new Set(['src/safe-object.ts'])
/** Each folder and the only places its modules may import (besides itself and the leaves above). */
const MAY_IMPORT: Record<string, string[]> = {
  'src/policy/': [],
  'src/aws-model/': [],
  'src/actions/': ['src/aws-model/'],
  'src/aws/': ['src/actions/', 'src/policy/'],
  'src/emulator/': ['src/policy/', 'src/aws-model/'],
  'src/scenario/': ['src/actions/'],
  'src/reporters/': ['src/engine/'],
  'src/engine/': ['src/scenario/', 'src/actions/', 'src/aws/', 'src/emulator/', 'src/policy/', 'src/aws-model/'],
  'src/export/': ['src/engine/', 'src/scenario/', 'src/actions/'],
  'src/cli/': ['src/export/', 'src/engine/', 'src/scenario/', 'src/actions/', 'src/aws/', 'src/emulator/', 'src/reporters/', 'src/policy/', 'src/aws-model/'],
}

/**
 * Arrows that break the rules today, each to be removed by a named change. Nothing may be
 * added here without one.
 */
const KNOWN_WRONG_WAY: string[] = []

const KNOWN_CYCLES = [
  // The suite picks its engine and the engines call back into it: removed by the engine-layout pass.
  ['src/engine/suite-inline.ts', 'src/engine/suite.ts', 'src/engine/workers/suite-threads.ts'],
]

describe('the import graph of src/', () => {
  it('sees every module and its imports (the reader works)', () => {
    expect(graph.size).toBeGreaterThan(300)
    expect(graph.get('src/engine/runner.ts')).toContain('src/engine/step-runner.ts')
    expect(graph.get('src/cli/cleanup.ts')).toContain('src/engine/tag-sweep.ts') // a dynamic import()
    expect(graph.get('src/engine/waits.ts')).toContain('src/actions/lifecycle.ts') // an import type
  })

  it('has no import cycle (but the known one, removed by the engine-layout pass)', () => {
    expect(cycles(graph)).toEqual(KNOWN_CYCLES)
  })

  it('keeps its shared leaves leaves: they import nothing of ours', () => {
    for (const leaf of LEAVES) expect(graph.get(leaf)).toEqual([])
  })

  it('has no arrow from a lower layer to a higher one: policy/ and aws-model/ import nothing of ours, scenario/ no engine/, nothing imports cli/', () => {
    const wrong: string[] = []
    for (const [from, targets] of graph) {
      const folder = Object.keys(MAY_IMPORT).find((f) => from.startsWith(f))
      for (const to of targets) {
        if (to === 'src/errors.ts' && folder !== 'src/policy/' && folder !== 'src/aws-model/') continue
        if (LEAVES.has(to)) continue
        if (folder === undefined) continue
        const ok = to.startsWith(folder) || MAY_IMPORT[folder]!.some((p) => to.startsWith(p))
        if (!ok) wrong.push(`${from} -> ${to}`)
      }
    }
    expect(wrong).toEqual(KNOWN_WRONG_WAY)
  })

  it('fails on a cycle or a wrong-way arrow (the checks themselves)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ])
    expect(cycles(g)).toEqual([['a', 'b', 'c']])
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([])
  })
})
