/**
 * The snapshot: NDJSON, one unit a line, so that neither writing nor reading it ever holds the
 * whole state as one string.
 *
 *   {"format":"iamflow-emulator-state","version":2,"journal":G,"written":"<ISO>"}
 *   {"k":"account","n":"123456789012","v":{...}}
 *   {"k":"user","a":"123456789012","n":"alice","v":{...}}
 *   {"k":"object","a":"bucket","n":"key","v":{...},"b":{"sha256":"...","size":5}}
 *   ...
 *   {"end":true,"units":N}
 *
 * `journal: G`: the journals of generation G and later apply on top of it. The file is written
 * under a temporary name, fsynced (per policy) and renamed, so it is always whole; the end line
 * tells a whole file from one cut short by something else.
 */
import { open } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { BlobStore } from './blobs.js'
import { LineTooLong, readLines } from './line-reader.js'
import type { EmulatorState, ObjectEntity } from './model.js'
import { StateFileError } from './state-error.js'
import { applyOp, allUnits, BadRecord, checkOp, opJson, unitJson, type BodyRef, type UnitKind } from './units.js'

export const STATE_FORMAT = 'iamflow-emulator-state'
export const SNAPSHOT_VERSION = 2

/** The first bytes of every snapshot this version writes. */
export const SNAPSHOT_PREFIX = `{"format":"${STATE_FORMAT}","version":${SNAPSHOT_VERSION},`

export interface SnapshotRead {
  journalGen: number
  units: number
}

/** Read a version-2 snapshot into `state` (empty), object bodies' references into `bodies`. */
export function readSnapshot(path: string, state: EmulatorState, bodies: Map<ObjectEntity, BodyRef>): SnapshotRead {
  let journalGen = -1
  let units = 0
  let ended = false
  const corrupt = (line: number, why: string) =>
    new StateFileError('STATE_CORRUPT', path, `${path}: line ${line}: ${why}`, 'the snapshot is damaged: restore it from a backup, or delete it (and its journals) to start over')
  try {
    for (const line of readLines(path)) {
      if (line.text === '' && line.terminated) continue
      if (ended) throw corrupt(line.number, 'data after the end line')
      let value: Record<string, unknown>
      try {
        value = JSON.parse(line.text) as Record<string, unknown>
      } catch (err) {
        throw corrupt(line.number, `not valid JSON (${(err as Error).message})`)
      }
      if (line.number === 1) {
        if (typeof value.journal !== 'number') throw corrupt(1, 'the header has no journal generation')
        journalGen = value.journal
        continue
      }
      if (value.end === true) {
        if (value.units !== units) throw corrupt(line.number, `the end line counts ${String(value.units)} units, the file has ${units}`)
        ended = true
        continue
      }
      try {
        if (!applyOp(state, checkOp(value), bodies)) throw new BadRecord(`${String(value.k)} ${String(value.n)}: its parent ${String(value.a)} is not in the file before it`)
      } catch (err) {
        if (err instanceof BadRecord) throw corrupt(line.number, err.message)
        throw err
      }
      units++
    }
  } catch (err) {
    if (err instanceof LineTooLong) throw corrupt(err.number, `${err.message}: not an iamflow state file`)
    throw err
  }
  if (!ended) throw new StateFileError('STATE_CORRUPT', path, `${path}: the file is cut short (no end line after ${units} units)`, 'restore it from a backup, or delete it (and its journals) to start over')
  return { journalGen, units }
}

/** What a compaction wrote. */
export interface SnapshotWritten {
  bytes: number
  counts: Record<UnitKind, number>
  /** Bodies the snapshot references. */
  bodies: Set<string>
  bodyBytes: number
}

/** Longest run of synchronous work between two turns of the event loop. */
const SLICE_MS = 4
const CHUNK_BYTES = 1 << 20

/**
 * Stream `state` to `tmpPath` as a snapshot (journal generation `gen`), writing bodies missing
 * from the store on the way. Runs in slices of a few ms: requests are served meanwhile and may
 * change the state (every change after the journal switch is in the new journal, and applying
 * a unit's record is idempotent, so a unit read before or after such a change is right).
 */
export async function writeSnapshot(state: EmulatorState, tmpPath: string, gen: number, blobs: BlobStore, sync: boolean): Promise<SnapshotWritten> {
  const handle = await open(tmpPath, 'w', 0o600)
  const counts = { account: 0, user: 0, role: 0, group: 0, policy: 0, mfaDevice: 0, accessKey: 0, session: 0, bucket: 0, object: 0, version: 0 } satisfies Record<UnitKind, number>
  const referenced = new Set<string>()
  let bodyBytes = 0
  let bytes = 0
  let units = 0
  // Lines are encoded straight into one reused buffer: each line's string dies young, so a
  // large snapshot does not fill the old generation (and cause long collections) on its way.
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  let used = 0
  const flush = async () => {
    if (!used) return
    await handle.write(chunk, 0, used)
    bytes += used
    used = 0
  }
  const push = async (line: string) => {
    if (used + line.length * 3 > CHUNK_BYTES) {
      await flush()
      if (line.length * 3 > CHUNK_BYTES) {
        const big = Buffer.from(line, 'utf8')
        await handle.write(big)
        bytes += big.length
        return
      }
    }
    used += chunk.write(line, used, 'utf8')
  }
  try {
    await push(`${SNAPSHOT_PREFIX}"journal":${gen},"written":${JSON.stringify(new Date().toISOString())}}\n`)
    let sliceStart = performance.now()
    for (const unit of allUnits(state)) {
      let body: BodyRef | undefined
      if (unit.kind === 'object' || unit.kind === 'version') {
        const obj = unit.value as ObjectEntity
        const known = blobs.knownHash(obj.body)
        body = known && blobs.isOnDisk(known) ? { sha256: known, size: obj.body.length } : await blobs.ensure(obj.body)
        referenced.add(body.sha256)
        bodyBytes += body.size
      }
      await push(`${opJson(unit.kind, unit.parent, unit.key, unitJson(unit.kind, unit.value), body)}\n`)
      counts[unit.kind]++
      units++
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToLoop()
        sliceStart = performance.now()
      }
    }
    await push(`{"end":true,"units":${units}}\n`)
    await flush()
    if (sync) await handle.datasync()
  } finally {
    await handle.close()
  }
  return { bytes, counts, bodies: referenced, bodyBytes }
}
