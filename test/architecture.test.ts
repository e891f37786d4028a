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
const LEAVES = new Set(['src/safe-object.ts', 'src/totp.ts'])
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

/**
 * The parts of src/engine/ and the parts each may import (besides itself and the engine's own
 * top-level files, events.ts and redact.ts, which import no part): targets say where calls go
 * and as whom, the ledger records and reverses what a run made, a run walks a plan step by
 * step, a suite runs many; records hold what runs observed (a run checks against them). A lower part never imports a higher one (run/ never imports suite/).
 */
const ENGINE_PARTS: Record<string, string[]> = {
  'src/engine/plan/': [],
  'src/engine/targets/': [],
  'src/engine/ledger/': ['src/engine/targets/'],
  'src/engine/records/': ['src/engine/targets/'],
  'src/engine/snapshot/': ['src/engine/targets/'],
  'src/engine/run/': ['src/engine/plan/', 'src/engine/targets/', 'src/engine/ledger/', 'src/engine/records/'],
  'src/engine/suite/': ['src/engine/plan/', 'src/engine/targets/', 'src/engine/ledger/', 'src/engine/records/', 'src/engine/run/'],
}

/** Arrows inside `within` that break `parts` (a module outside every part may import only such modules). */
function wrongInside(g: Map<string, string[]>, within: string, parts: Record<string, string[]>): string[] {
  const partOf = (m: string) => Object.keys(parts).find((p) => m.startsWith(p))
  const wrong: string[] = []
  for (const [from, targets] of g) {
    if (!from.startsWith(within)) continue
    const part = partOf(from)
    for (const to of targets) {
      if (!to.startsWith(within)) continue
      const toPart = partOf(to)
      const ok = toPart === undefined || toPart === part || (part !== undefined && parts[part]!.includes(toPart))
      if (!ok) wrong.push(`${from} -> ${to}`)
    }
  }
  return wrong
}

/** Cycles allowed today: none. Nothing may be added here without a named change that removes it. */
const KNOWN_CYCLES: string[][] = []

describe('the import graph of src/', () => {
  it('sees every module and its imports (the reader works)', () => {
    expect(graph.size).toBeGreaterThan(300)
    expect(graph.get('src/engine/run/runner.ts')).toContain('src/engine/run/step/step-runner.ts')
    expect(graph.get('src/cli/cleanup.ts')).toContain('src/engine/ledger/tag-sweep.ts') // a dynamic import()
    expect(graph.get('src/engine/run/waits.ts')).toContain('src/actions/lifecycle.ts') // an import type
    // The suite picks its engine by dynamic import(): the arrows that once closed a cycle are seen.
    expect(graph.get('src/engine/suite/suite.ts')).toEqual(expect.arrayContaining(['src/engine/suite/suite-inline.ts', 'src/engine/suite/workers/suite-threads.ts']))
  })

  it('has no import cycle', () => {
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

  it('keeps the parts of the engine in order: plan/ and targets/ below ledger/, below run/, below suite/', () => {
    expect(Object.keys(ENGINE_PARTS).every((p) => [...graph.keys()].some((m) => m.startsWith(p)))).toBe(true)
    expect(wrongInside(graph, 'src/engine/', ENGINE_PARTS)).toEqual([])
  })

  it('fails on a cycle or a wrong-way arrow (the checks themselves)', () => {
    const parts = { 'e/low/': [], 'e/high/': ['e/low/'] }
    const arrows = new Map([
      ['e/high/a', ['e/low/b', 'e/top']],
      ['e/low/b', ['e/high/a', 'e/top']],
      ['e/top', ['e/low/b']],
      ['x', ['e/high/a']],
    ])
    expect(wrongInside(arrows, 'e/', parts)).toEqual(['e/low/b -> e/high/a', 'e/top -> e/low/b'])

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
