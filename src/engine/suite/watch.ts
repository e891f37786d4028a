import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync, watch as fsWatch } from 'node:fs'
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path'
import { policyFileReferences } from '../../scenario/policy-files.js'

/** Watches one directory; calls back with the name of an entry that changed (or null: maybe any). */
export type DirWatcher = (dir: string, onChange: (name: string | null) => void, onError: (err: Error) => void) => { close(): void }

export interface WatchOptions {
  /** Scenario files to run now and again whenever they, or a policy file they name, change. */
  files: string[]
  /** Runs these scenario files once (fresh target, teardown included); resolves with its exit code. */
  run(files: string[]): Promise<number>
  /** Aborting it stops watching; the loop resolves after the run in progress (if any) ends. */
  signal: AbortSignal
  /** Status lines (`watching 2 files ...`, `changed: x.yaml`). */
  log(line: string): void
  /** Quiet time after the last change before a rerun (editors write a file in several steps). */
  debounceMs?: number
  /** Test seam; default `fs.watch` on the directory. */
  watchDir?: DirWatcher
}

/** Largest file hashed to tell a real change from a touch (a scenario is at most 1 MiB). */
const MAX_HASHED_BYTES = 2 * 1024 * 1024

/**
 * `run --watch`: run every file, then rerun a scenario when its file or one of the policy files
 * it names (`{ file: ... }`) changes content, after `debounceMs` of quiet. Directories are
 * watched rather than files, so editors that save by writing a new file and renaming it over
 * the old one are followed. Changes during a run are gathered and run next. Changes nothing
 * process-wide (no signal handlers, no exit code): the caller owns those.
 * Resolves with the exit code of the last run once `signal` is aborted.
 */
export async function watchScenarios(opts: WatchOptions): Promise<number> {
  const debounceMs = opts.debounceMs ?? 150
  const watchDir = opts.watchDir ?? nodeDirWatcher
  const scenarios = [...new Set(opts.files.map((f) => resolve(f)))]
  const given = new Map(opts.files.map((f) => [resolve(f), f]))
  const deps = new Map<string, string[]>()
  const hashes = new Map<string, string | undefined>()
  const watchers = new Map<string, { close(): void }>()
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let last = 0
  let wake: (() => void) | undefined
  const onAbort = () => wake?.()
  opts.signal.addEventListener('abort', onAbort, { once: true })

  /** Re-read which policy files a scenario names; while it does not parse, the last list stands. */
  const refresh = (scenario: string) => {
    const refs = policyFileReferences(scenario)
    if (refs !== undefined || !deps.has(scenario)) deps.set(scenario, refs ?? [])
    for (const f of [scenario, ...deps.get(scenario)!]) if (!hashes.has(f)) hashes.set(f, contentHash(f))
  }
  const watchedFiles = () => new Set([...scenarios, ...[...deps.values()].flat()])
  const syncWatchers = () => {
    const dirs = new Set([...watchedFiles()].map((f) => dirname(f)))
    for (const [dir, w] of watchers) if (!dirs.has(dir)) (w.close(), watchers.delete(dir))
    for (const dir of dirs) {
      if (watchers.has(dir)) continue
      try {
        watchers.set(dir, watchDir(dir, (name) => onEvent(dir, name), (err) => opts.log(`cannot watch ${dir} any more: ${err.message}`)))
      } catch (err) {
        opts.log(`cannot watch ${dir}: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
  }
  const onEvent = (dir: string, name: string | null) => {
    for (const f of watchedFiles()) if (dirname(f) === dir && (name === null || basename(f) === name)) pending.add(f)
    if (pending.size > 0) schedule()
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => wake?.(), debounceMs)
  }
  /** Scenarios to rerun: those whose file or policy files now hold different content. */
  const takeChanged = (): string[] => {
    const changed: string[] = []
    for (const f of pending) {
      const now = contentHash(f)
      // A file missing for a moment (an editor's save in progress) is not a change.
      if (now === undefined || now === hashes.get(f)) continue
      hashes.set(f, now)
      changed.push(f)
    }
    pending.clear()
    const rerun = scenarios.filter((s) => changed.includes(s) || (deps.get(s) ?? []).some((d) => changed.includes(d)))
    if (rerun.length > 0) opts.log(`changed: ${changed.map((f) => display(f, given)).join(', ')}: running ${rerun.map((s) => display(s, given)).join(', ')}`)
    return rerun
  }
  const runNow = async (list: string[]) => {
    last = await opts.run(list.map((s) => given.get(s) ?? s))
    for (const s of list) refresh(s)
    syncWatchers()
    if (!opts.signal.aborted) opts.log(`watching ${describeWatched(scenarios.length, watchedFiles().size - scenarios.length)} (last run exit ${last}); Ctrl-C to stop`)
  }

  for (const s of scenarios) refresh(s)
  syncWatchers()
  try {
    if (!opts.signal.aborted) await runNow(scenarios)
    while (!opts.signal.aborted) {
      // Changes that arrived during a run are looked at now, after their own quiet time.
      if (pending.size > 0) schedule()
      await new Promise<void>((res) => (wake = res))
      wake = undefined
      if (opts.signal.aborted) break
      const rerun = takeChanged()
      if (rerun.length > 0) await runNow(rerun)
    }
  } finally {
    opts.signal.removeEventListener('abort', onAbort)
    clearTimeout(timer)
    for (const w of watchers.values()) w.close()
    watchers.clear()
  }
  return last
}

function describeWatched(scenarios: number, policies: number): string {
  const s = `${scenarios} scenario${scenarios === 1 ? '' : 's'}`
  return policies > 0 ? `${s} and ${policies} policy file${policies === 1 ? '' : 's'}` : s
}

function display(file: string, given: Map<string, string>): string {
  const rel = relative(process.cwd(), file)
  return given.get(file) ?? (rel.startsWith('..') || isAbsolute(rel) ? file : rel)
}

/** sha256 of a file's first bytes, or undefined when it cannot be read now. */
function contentHash(file: string): string | undefined {
  let fd: number
  try {
    // Non-blocking: a FIFO put where a policy file was expected must not hang the loop.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch {
    return undefined
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined
    const buf = Buffer.alloc(MAX_HASHED_BYTES)
    let n = 0
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null)
    return createHash('sha256').update(buf.subarray(0, n)).digest('hex')
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
}

/** `fs.watch` on a directory: survives a file being replaced by a rename, unlike a watch on the file. */
const nodeDirWatcher: DirWatcher = (dir, onChange, onError) => {
  const w = fsWatch(dir, { persistent: true }, (_event, name) => onChange(typeof name === 'string' ? name : null))
  w.on('error', (err) => {
    onError(err)
    w.close()
  })
  return w
}
