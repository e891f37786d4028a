/**
 * Opening a state path at start: every way it can be unusable becomes a StateFileError naming
 * the file and the reason (the CLI exits 2), before the emulator serves anything.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs'
import type { BlobStore } from './blobs.js'
import { readJournal } from './journal.js'
import { journalGenerations, type StateLayout } from './layout.js'
import { emptyState, type EmulatorState, type ObjectEntity } from './model.js'
import { FORMAT, stateFromV1 } from './persist.js'
import { readSnapshot, SNAPSHOT_PREFIX, SNAPSHOT_VERSION } from './snapshot.js'
import { reason, StateFileError } from './state-error.js'
import { applyOp, type BodyRef } from './units.js'

export interface LoadedState {
  /** Undefined when nothing was on disk yet. */
  state: EmulatorState | undefined
  /** Version of the snapshot read (1: the old single-JSON file), undefined without one. */
  snapshotVersion?: 1 | 2
  /** Units in the snapshot. */
  snapshotUnits: number
  snapshotBytes: number
  /** The journal generation to append to, its intact length and size on disk (0: none yet). */
  journalGen: number
  journalValidLength: number
  journalSize: number
  /** Journal records replayed (all generations). */
  records: number
  /** Operations skipped because their parent was gone (a bucket deleted later in the journal). */
  skipped: number
  warnings: string[]
}

const V1_MAX_BYTES = 500 << 20
const HEAD_BYTES = 64 << 10

const STATE_HINT = '--state names the file iamflow keeps its state in: give a path that does not exist yet, or an iamflow state file'

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if (code === 'ENOTDIR') throw new StateFileError('STATE_UNWRITABLE', path, `cannot use ${path}: a part of its directory path is a file`, STATE_HINT)
    throw new StateFileError('STATE_UNREADABLE', path, `cannot read ${path}: ${reason(err)}`)
  }
}

/** The directory exists (created if need be) and new files can be made in it. */
function checkWritable(layout: StateLayout): void {
  try {
    mkdirSync(layout.dir, { recursive: true })
  } catch (err) {
    throw new StateFileError('STATE_UNWRITABLE', layout.dir, `cannot create the directory ${layout.dir} for the state file ${layout.snapshot}: ${reason(err)}`)
  }
  try {
    accessSync(layout.dir, constants.W_OK | constants.X_OK)
  } catch (err) {
    throw new StateFileError('STATE_UNWRITABLE', layout.dir, `cannot write the state file ${layout.snapshot}: its directory ${layout.dir} is not writable (${reason(err)})`, 'choose a --state path in a directory you can write')
  }
  const objects = statOrUndefined(layout.objects)
  if (objects && !objects.isDirectory()) throw new StateFileError('STATE_NOT_A_FILE', layout.objects, `${layout.objects} should be the directory of object bodies, but it is a file`, 'move it away')
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(HEAD_BYTES)
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/** `line L, column C` for a JSON.parse error that gives a position. */
function whereInJson(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message)
  if (!m) return ''
  const pos = Number(m[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - before.lastIndexOf('\n')
  return ` at line ${line}, column ${column}`
}

function notAStateFile(path: string): StateFileError {
  return new StateFileError('STATE_NOT_A_FILE', path, `${path} is not an iamflow state file (it has no "format": "${FORMAT}")`, STATE_HINT)
}

function checkVersion(path: string, doc: Record<string, unknown>): 1 | 2 {
  if (doc.format !== FORMAT) throw notAStateFile(path)
  if (doc.version === 1 || doc.version === SNAPSHOT_VERSION) return doc.version
  throw new StateFileError('STATE_VERSION', path, `${path}: state format version ${JSON.stringify(doc.version)} is not supported (this iamflow reads versions 1 and 2)`, 'use the iamflow version that wrote this state, or another --state path')
}

/** A whole-file JSON document (the version-1 format, or something else entirely). */
function readWholeJson(path: string, size: number): Record<string, unknown> {
  if (size > V1_MAX_BYTES) throw new StateFileError('STATE_NOT_A_FILE', path, `${path} is not an iamflow state file (${size} bytes of something that is not a version-2 snapshot)`, STATE_HINT)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new StateFileError('STATE_UNREADABLE', path, `cannot read ${path}: ${reason(err)}`)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    const msg = (err as Error).message
    throw new StateFileError('STATE_CORRUPT', path, `${path} is not valid JSON${whereInJson(text, msg)}: ${msg}`, 'an iamflow state file is damaged or this is another kind of file: restore it, or give another --state path')
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw notAStateFile(path)
  return doc as Record<string, unknown>
}

/** Read the snapshot at `path` into a state. */
function loadSnapshot(path: string, size: number, bodies: Map<ObjectEntity, BodyRef>): { state: EmulatorState; version: 1 | 2; journalGen: number; units: number } {
  if (size === 0) throw new StateFileError('STATE_NOT_A_FILE', path, `${path} is empty: not an iamflow state file`, 'delete it to start with a fresh state')
  let head: Buffer
  try {
    head = readHead(path)
  } catch (err) {
    throw new StateFileError('STATE_UNREADABLE', path, `cannot read ${path}: ${reason(err)}`)
  }
  let version: 1 | 2 | undefined
  let doc: Record<string, unknown> | undefined
  if (head.subarray(0, SNAPSHOT_PREFIX.length).toString('utf8') === SNAPSHOT_PREFIX) version = 2
  else {
    const nl = head.indexOf(10)
    try {
      const first = JSON.parse(head.subarray(0, nl < 0 ? head.length : nl).toString('utf8')) as unknown
      if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
        version = checkVersion(path, first as Record<string, unknown>)
        if (version === 1 && head.length === size && (nl < 0 || nl === size - 1)) doc = first as Record<string, unknown>
      }
    } catch (err) {
      if (err instanceof StateFileError) throw err
      // Not one JSON line: a pretty-printed version-1 file, or not a state file at all.
    }
  }
  if (version === 2) {
    const state = emptyState()
    const read = readSnapshot(path, state, bodies)
    return { state, version, journalGen: read.journalGen, units: read.units }
  }
  doc ??= readWholeJson(path, size)
  checkVersion(path, doc)
  try {
    const state = stateFromV1(doc)
    let units = state.accounts.size + state.accessKeys.size + state.sessions.size + state.buckets.size
    for (const a of state.accounts.values()) units += a.users.size + a.roles.size + a.groups.size + a.policies.size
    for (const b of state.buckets.values()) units += b.objects.size + b.versions.size
    return { state, version: 1, journalGen: 0, units }
  } catch (err) {
    throw new StateFileError('STATE_CORRUPT', path, `${path}: a version-1 state file with a damaged structure: ${(err as Error).message}`)
  }
}

/**
 * Load the snapshot and replay the journals beside it. Object bodies are read (from `blobs`)
 * only for the objects that exist at the end.
 */
export function loadState(layout: StateLayout, blobs: BlobStore): LoadedState {
  const path = layout.snapshot
  const stat = statOrUndefined(path)
  if (stat?.isDirectory()) throw new StateFileError('STATE_NOT_A_FILE', path, `${path} is a directory; --state names a file (its journal and object bodies are kept beside it)`, `give a file path, for example ${path.replace(/\/+$/, '')}/state.json`)
  if (stat && !stat.isFile()) throw new StateFileError('STATE_NOT_A_FILE', path, `${path} is not a regular file`, STATE_HINT)
  checkWritable(layout)
  blobs.scan()
  const bodies = new Map<ObjectEntity, BodyRef>()
  const warnings: string[] = []
  let state: EmulatorState | undefined
  let snapshotVersion: 1 | 2 | undefined
  let snapshotUnits = 0
  let fromGen = 0
  if (stat) {
    const snap = loadSnapshot(path, stat.size, bodies)
    state = snap.state
    snapshotVersion = snap.version
    snapshotUnits = snap.units
    fromGen = snap.journalGen
  }
  const gens = journalGenerations(path).filter((g) => g >= fromGen)
  if (!stat && gens.length && gens[0]! > 1) {
    // Journals after the first generation only exist beside a snapshot: replaying them alone would give part of the state.
    throw new StateFileError('STATE_CORRUPT', path, `${path} is missing, but its journal ${layout.journal(gens[0]!)} is there: the snapshot was moved or deleted`, `restore ${path}, or move the ${path}.journal.* files away to start over`)
  }
  let records = 0
  let skipped = 0
  let last = { gen: Math.max(fromGen, 1), validLength: 0, size: 0 }
  for (const gen of gens) {
    const file = layout.journal(gen)
    try {
      accessSync(file, constants.R_OK | constants.W_OK)
    } catch (err) {
      throw new StateFileError('STATE_UNWRITABLE', file, `cannot use the journal ${file}: ${reason(err)}`)
    }
    state ??= emptyState()
    const target = state
    const read = readJournal(file, gen, (ops) => {
      for (const op of ops) if (!applyOp(target, op, bodies)) skipped++
    })
    records += read.records
    if (read.torn) {
      const note = read.validLength === 0 ? 'its header was never completed' : `line ${read.torn.line} (${read.torn.bytes} bytes, ${read.torn.why})`
      warnings.push(`${file}: dropped an incomplete last record, ${note}: a crash while it was being written (its request was never answered)`)
    }
    last = { gen, validLength: read.validLength, size: read.size }
  }
  if (state) {
    for (const bucket of state.buckets.values()) {
      for (const obj of bucket.objects.values()) {
        const ref = bodies.get(obj)
        if (ref) obj.body = blobs.read(ref, `s3://${bucket.name}/${obj.key}`)
      }
      for (const obj of bucket.versions.values()) {
        const ref = bodies.get(obj)
        if (ref) obj.body = blobs.read(ref, `s3://${bucket.name}/${obj.key}?versionId=${obj.versionId ?? 'null'}`)
      }
    }
  }
  return {
    state,
    ...(snapshotVersion ? { snapshotVersion } : {}),
    snapshotUnits,
    snapshotBytes: stat?.size ?? 0,
    journalGen: last.gen,
    journalValidLength: last.validLength,
    journalSize: last.size,
    records,
    skipped,
    warnings,
  }
}
