import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Where a state's files live, all beside the path given (`--state FILE`):
 *
 *   FILE               the snapshot (NDJSON; an older single-JSON file is read too)
 *   FILE.journal.N     write-ahead journals, generation N, replayed in order on the snapshot
 *   FILE.objects/SHA   S3 object bodies, content-addressed (sha256 of the bytes)
 */
export interface StateLayout {
  snapshot: string
  dir: string
  objects: string
  journal(gen: number): string
  blob(sha256: string): string
  /** A new temporary name for a snapshot being written (renamed over `snapshot`). */
  snapshotTmp(): string
}

let tmpCounter = 0

export function stateLayout(path: string): StateLayout {
  return {
    snapshot: path,
    dir: dirname(path),
    objects: `${path}.objects`,
    journal: (gen) => `${path}.journal.${gen}`,
    blob: (sha256) => join(`${path}.objects`, sha256),
    snapshotTmp: () => `${path}.${process.pid}-${++tmpCounter}.tmp`,
  }
}

/** Snapshots left half-written by a process that no longer runs (killed while compacting). */
export function staleSnapshotTmps(path: string): string[] {
  const prefix = `${basename(path)}.`
  let names: string[]
  try {
    names = readdirSync(dirname(path))
  } catch {
    return []
  }
  return names.flatMap((n) => {
    const m = n.startsWith(prefix) ? /^(\d+)-\d+\.tmp$/.exec(n.slice(prefix.length)) : null
    return m && !isAlive(Number(m[1])) ? [join(dirname(path), n)] : []
  })
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Generations of the journals that exist beside `path`, ascending. */
export function journalGenerations(path: string): number[] {
  const prefix = `${basename(path)}.journal.`
  let names: string[]
  try {
    names = readdirSync(dirname(path))
  } catch {
    return []
  }
  return names
    .filter((n) => n.startsWith(prefix) && /^\d{1,15}$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => a - b)
}
