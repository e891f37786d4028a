import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type DirWatcher, watchScenarios } from './watch.js'

const scratchDirs: string[] = []
/** A temporary directory, removed after the file's tests. */
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  scratchDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true })
})

/** A directory watcher driven by the test: `fire(dir, name)` is an fs event. */
function fakeWatcher() {
  const listeners = new Map<string, (name: string | null) => void>()
  const watchDir: DirWatcher = (dir, onChange) => {
    listeners.set(dir, onChange)
    return { close: () => listeners.delete(dir) }
  }
  return { watchDir, dirs: () => [...listeners.keys()].sort(), fire: (dir: string, name: string | null) => listeners.get(dir)?.(name) }
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

function lab() {
  const dir = scratch('iamflow-watch-unit-')
  mkdirSync(join(dir, 'policies'))
  const a = join(dir, 'a.yaml')
  const b = join(dir, 'b.yaml')
  const policy = join(dir, 'policies', 'p.json')
  writeFileSync(a, 'name: a\nsteps:\n  - action: iam.putUserPolicy\n    input: { UserName: u, PolicyName: p, PolicyDocument: { file: policies/p.json } }\n')
  writeFileSync(b, 'name: b\nsteps: []\n')
  writeFileSync(policy, '{}')
  return { dir, a, b, policy }
}

describe('watchScenarios', () => {
  it('runs everything, then only what a change touches; a burst of events makes one run; stops on abort', async () => {
    const { dir, a, b, policy } = lab()
    const w = fakeWatcher()
    const runs: string[][] = []
    const stop = new AbortController()
    const logs: string[] = []
    const done = watchScenarios({ files: [a, b], run: async (list) => (runs.push(list), 0), signal: stop.signal, log: (l) => logs.push(l), debounceMs: 20, watchDir: w.watchDir })
    await until(() => runs.length === 1)
    expect(runs[0]).toEqual([a, b])
    expect(w.dirs()).toEqual([dir, join(dir, 'policies')].sort())

    writeFileSync(policy, '{"Version":"2012-10-17"}')
    for (let i = 0; i < 5; i++) w.fire(join(dir, 'policies'), 'p.json')
    await until(() => runs.length === 2)
    expect(runs[1]).toEqual([a]) // b does not read the policy

    w.fire(dir, null) // an event without a name, no content changed: nothing runs
    writeFileSync(b, 'name: b\nsteps: []\n# edited\n')
    w.fire(dir, 'b.yaml')
    await until(() => runs.length === 3)
    expect(runs[2]).toEqual([b])

    stop.abort()
    expect(await done).toBe(0)
    expect(w.dirs()).toEqual([]) // every watcher closed
    expect(runs).toHaveLength(3)
  })

  it('a change during a run is run after it; the result of the last run is returned', async () => {
    const { dir, a, b } = lab()
    const w = fakeWatcher()
    const runs: string[][] = []
    let release: (() => void) | undefined
    const stop = new AbortController()
    const done = watchScenarios({
      files: [a, b],
      run: (list) => {
        runs.push(list)
        return new Promise((r) => (release = () => r(runs.length === 1 ? 0 : 1)))
      },
      signal: stop.signal,
      log: () => {},
      debounceMs: 10,
      watchDir: w.watchDir,
    })
    await until(() => runs.length === 1)
    writeFileSync(a, 'name: a\nsteps: []\n')
    w.fire(dir, 'a.yaml')
    await new Promise((r) => setTimeout(r, 50))
    expect(runs).toHaveLength(1) // still running the first
    release!()
    await until(() => runs.length === 2)
    expect(runs[1]).toEqual([a])
    release!()
    await new Promise((r) => setTimeout(r, 20))
    stop.abort()
    expect(await done).toBe(1)
  })
})
