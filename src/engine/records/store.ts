import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { InfrastructureError, InputError } from '../../errors.js'
import type { RunResult } from '../events.js'
import { recordOf } from './build.js'
import { leakIn } from './normalise.js'
import { MAX_RECORD_BYTES, type OutcomeRecord, parseRecord, renderRecord } from './record-file.js'

/** `scenarios/assume-role.yaml` -> `assume-role.record.yaml` (one directory holds a library's records). */
export function recordName(scenarioFile: string): string {
  return `${basename(scenarioFile).replace(/\.ya?ml$/i, '')}.record.yaml`
}

/** The records a `--compare DIR` run checks against, by scenario file. */
export class RecordBook {
  private constructor(
    readonly dir: string,
    private readonly records: Map<string, OutcomeRecord | undefined>,
  ) {}

  /**
   * Read the record of every file that has one (a missing record is not an error here: its
   * steps fail as "not recorded"). A record that does not parse stops everything (exit 2).
   */
  static read(dir: string, files: readonly string[]): RecordBook {
    checkNames(files)
    const records = new Map<string, OutcomeRecord | undefined>()
    for (const file of files) {
      const path = join(dir, recordName(file))
      const text = readBounded(path)
      records.set(resolve(file), text === undefined ? undefined : parseRecord(text, path))
    }
    return new RecordBook(dir, records)
  }

  /** The record of a scenario file (undefined: none). */
  get(file: string): OutcomeRecord | undefined {
    return this.records.get(resolve(file))
  }

  /** Where a scenario's record is (or would be). */
  where(file: string): string {
    return join(this.dir, recordName(file))
  }
}

/** Two scenario files with the same name would share one record: refused before anything runs. */
export function checkNames(files: readonly string[]): void {
  const seen = new Map<string, string>()
  for (const file of files) {
    const name = recordName(file)
    const other = seen.get(name)
    if (other !== undefined && resolve(other) !== resolve(file)) {
      throw new InputError('record-conflict', `${other} and ${file} would share the record ${name}`, { hint: 'rename one of the files, or record them into separate directories' })
    }
    seen.set(name, file)
  }
}

/** `--record DIR`: made if missing, and writable, before anything runs (else exit 2). */
export function prepareRecordDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' })
    accessSync(dir, constants.W_OK)
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))
    throw new InputError('record-dir-unusable', `--record ${dir}: cannot write records there (${why})`, { hint: 'give a directory you can write, e.g. --record scenarios/records' })
  }
}

/** Write the record of a finished run into `dir` (atomically); returns its path. */
export function writeRecord(dir: string, run: RunResult): string {
  const path = join(dir, recordName(run.scenario.file))
  let previous: OutcomeRecord | undefined
  try {
    const text = readBounded(path)
    previous = text === undefined ? undefined : parseRecord(text, path)
  } catch {
    previous = undefined // an unreadable old record is replaced, not merged
  }
  const text = renderRecord(recordOf(run, previous))
  const leak = leakIn(text)
  // Normalisation replaces all of these; this is the last line of defence, never expected to fire.
  if (leak !== undefined) throw new InfrastructureError('record-not-written', `${path}: the record would contain ${leak}; nothing written`)
  try {
    mkdirSync(dir, { recursive: true })
    const tmp = `${path}.${process.pid}.tmp`
    writeFileSync(tmp, text, { mode: 0o644 })
    renameSync(tmp, path)
  } catch (err) {
    throw new InfrastructureError('record-not-written', `${path}: ${err instanceof Error ? err.message : String(err)}`, { hint: 'check that the --record directory can be written' })
  }
  return path
}

function readBounded(path: string): string | undefined {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new InputError('bad-record', `${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`)
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) throw new InputError('bad-record', `${path}: not a file`)
    if (st.size > MAX_RECORD_BYTES) throw new InputError('bad-record', `${path}: larger than ${MAX_RECORD_BYTES} bytes`)
    const buf = Buffer.alloc(st.size)
    let off = 0
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off)
      if (n === 0) break
      off += n
    }
    return buf.subarray(0, off).toString('utf8')
  } finally {
    closeSync(fd)
  }
}
