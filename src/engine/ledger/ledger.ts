import { appendFileSync, closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import type { UndoSpec } from '../../actions/define-action.js'
import { InfrastructureError } from '../../errors.js'
import type { RunStatus, TargetInfo } from '../events.js'
import { redactValue, type SecretScrubber } from '../redact.js'

/**
 * The durable record of what a run created: JSON lines in `<runsDir>/<runId>/ledger.jsonl`,
 * appended and fsynced one record at a time, so a SIGKILL at any moment leaves a ledger that
 * `iamflow cleanup` can finish from. Records hold identifiers, never secrets (inputs are
 * redacted by member name before writing).
 *
 * Sequence: `intent` before a create-like call; after it either `undo` (the real identifiers),
 * or `settled` (AWS answered with an error, nothing was created). An intent with neither was
 * interrupted mid-call and is recovered by name at teardown (see recovery.ts).
 * Teardown appends `done` per undo call that succeeded (or found the resource gone).
 */
export type LedgerRecord =
  | {
      t: 'run'
      v: 1
      runId: string
      scenario: { name: string; file: string }
      target: TargetInfo
      startedAt: string
      pid: number
      /** Run-scoped names (`--unique-names`): created name -> the name this run used (the records below hold the latter). */
      names?: Array<{ kind: string; name: string; renamed: string }>
    }
  | {
      t: 'intent'
      seq: number
      stepId: string
      /** The named account the step acted in (its operator undoes it); absent: the default account. */
      account?: string
      action: string
      input: Record<string, unknown>
      at: string
      /** `teardown: false`: never recovered. */
      kept?: boolean
    }
  | {
      t: 'undo'
      seq: number
      /** The intent this reverses; ordering in teardown follows the intent's seq. */
      intent: number
      stepId: string
      /** As the intent's: whose operator replays these undos. */
      account?: string
      undo: UndoSpec[]
      /** `teardown: false`: recorded for the record, never replayed. */
      kept?: boolean
      /** Derived at teardown from an intent whose call never recorded its undo. */
      recovered?: boolean
      at: string
    }
  | { t: 'settled'; seq: number; intent: number; code: string; at: string }
  | { t: 'done'; seq: number; undo: number; index: number; status: 'done' | 'gone' | 'superseded'; at: string }
  | { t: 'end'; seq: number; status: RunStatus | 'cleaned'; leftovers: number; at: string }

/** A record minus the fields the ledger assigns (`seq`). */
export type NewRecord = LedgerRecord extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : R) : never

export const LEDGER_FILE = 'ledger.jsonl'

/** Default location of run directories, relative to the working directory. */
export const DEFAULT_RUNS_DIR = '.iamflow/runs'

/**
 * How a ledger reaches the disk: `fsync` each record (targets that outlive the process), or
 * `deferred`: kept in memory and written once at close (a throw-away embedded emulator, whose
 * resources die with the process, so a crash loses nothing worth cleaning).
 */
export type Durability = 'fsync' | 'deferred'

/** Append-only writer of one run's ledger. */
export class Ledger {
  private seq = 0
  private fd: number | undefined
  private pending: string[] | undefined
  private closed = false
  /** Every record of this ledger (read at reopen, then appended). */
  readonly records: LedgerRecord[] = []

  private constructor(
    readonly path: string,
    fd: number | undefined,
    startSeq: number,
  ) {
    this.fd = fd
    this.seq = startSeq
    if (fd === undefined) this.pending = []
  }

  /** Secret values the run has seen: scrubbed from inputs as well as secret-named members. */
  private scrubber: SecretScrubber | undefined

  /**
   * Create `<runsDir>/<runId>/ledger.jsonl` and write the run header. With `scrubber`, secret
   * values a scenario passes as input (a key captured into a tag, say) never reach the file.
   */
  static create(runsDir: string, header: Extract<LedgerRecord, { t: 'run' }>, durability: Durability = 'fsync', scrubber?: SecretScrubber): Ledger {
    const path = join(runsDir, header.runId, LEDGER_FILE)
    const ledger = new Ledger(path, durability === 'fsync' ? openNew(path) : undefined, 0)
    ledger.scrubber = scrubber
    ledger.write(header)
    return ledger
  }

  /**
   * Reopen an existing ledger to append (cleanup); every record is fsynced. A torn last line
   * (killed mid-write) is cut off first, so appended records start on a line of their own.
   */
  static reopen(path: string): Ledger {
    const records = readLedger(path)
    const text = readFileSync(path, 'utf8')
    const tail = text.slice(text.lastIndexOf('\n') + 1)
    if (tail !== '') {
      // A complete record without its newline keeps its place; a torn one goes.
      if (isJson(tail)) appendFileSync(path, '\n')
      else truncateSync(path, Buffer.byteLength(text) - Buffer.byteLength(tail))
    }
    const last = records.reduce((max, r) => ('seq' in r ? Math.max(max, r.seq) : max), 0)
    const ledger = new Ledger(path, openSync(path, 'a'), last)
    ledger.records.push(...records)
    return ledger
  }

  /** Append a record (inputs redacted), fsync it, and return its sequence number. */
  append(record: NewRecord): number {
    const seq = ++this.seq
    const full = { ...record, seq } as LedgerRecord
    if (full.t === 'intent') full.input = redactValue(full.input, this.scrubber) as Record<string, unknown>
    if (full.t === 'undo') full.undo = full.undo.map((u) => ({ action: u.action, input: redactValue(u.input, this.scrubber) as Record<string, unknown> }))
    this.write(full)
    return seq
  }

  /** Flush (deferred ledgers are written now) and close. */
  close(): void {
    if (this.pending) {
      makeRunDir(this.path)
      writeFileSync(this.path, this.pending.join(''), { flag: 'wx', mode: FILE_MODE })
      this.pending = undefined
    } else if (this.fd !== undefined) {
      closeSync(this.fd)
    }
    this.fd = undefined
    this.closed = true
  }

  private write(record: LedgerRecord): void {
    if (this.closed) throw new Error(`internal error: ledger ${this.path} is closed`)
    const line = `${JSON.stringify(record)}\n`
    if (this.pending) this.pending.push(line)
    else if (this.fd !== undefined) {
      writeSync(this.fd, line)
      fdatasyncSync(this.fd)
    }
    this.records.push(record)
  }
}

/**
 * Run files are the operator's alone: a ledger names the account, its users, roles and policies.
 * A ledger is always a new file (mode 600) in a new run directory (mode 700); a runs directory
 * iamflow creates is 700 too, while an existing one keeps the mode its owner gave it (it may be
 * shared on purpose, and the run directory inside it is private anyway). The umask can only
 * narrow these modes.
 */
const FILE_MODE = 0o600
const DIR_MODE = 0o700

function openNew(path: string): number {
  makeRunDir(path)
  return openSync(path, 'wx', FILE_MODE)
}

/** `<runsDir>/<runId>/`: one mkdir when the runs directory exists (the usual case). */
function makeRunDir(path: string): void {
  try {
    mkdirSync(dirname(path), { mode: DIR_MODE })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    // Node's recursive mkdir of a relative path spins forever (100% CPU) once the working
    // directory has been removed (a directory with no links left): say so instead.
    if (!isAbsolute(path) && statSync('.').nlink === 0) {
      throw new InfrastructureError('runs-dir-unusable', `cannot create the run directory ${dirname(path)}: the working directory was removed while iamflow ran`, {
        hint: 'run from a directory that stays, or give --runs-dir an absolute path',
      })
    }
    mkdirSync(dirname(path), { recursive: true, mode: DIR_MODE })
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Read a ledger. A torn last line (the process died mid-write) is ignored; a malformed line
 * elsewhere is an error.
 */
export function readLedger(path: string): LedgerRecord[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  const records: LedgerRecord[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    try {
      records.push(JSON.parse(line) as LedgerRecord)
    } catch (err) {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '')
      if (!isLast) throw new Error(`${path}:${i + 1}: not a ledger record (${(err as Error).message})`)
    }
  })
  return records
}

/** Run ids with a ledger under `runsDir`, oldest first. */
export function listRunIds(runsDir: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(runsDir)
  } catch {
    return []
  }
  return entries.filter((e) => existsSync(join(runsDir, e, LEDGER_FILE))).sort()
}

/** Path of a run's ledger. */
export function ledgerPath(runsDir: string, runId: string): string {
  return join(runsDir, runId, LEDGER_FILE)
}
