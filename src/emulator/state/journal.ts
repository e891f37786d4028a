/**
 * The journal's format: one line per record, `CRC32 JSON\n` (8 hex digits, a space, the JSON).
 * The first line is a header `{"format":"iamflow-emulator-journal","version":1,"gen":N}`; each
 * further line is one request's changes, `{"t":<epoch ms>,"ops":[<UnitOp>, ...]}`.
 *
 * A record is appended whole by one write before the request is answered. A crash while
 * appending leaves at most the last line incomplete or damaged ("torn"): reading cuts it off
 * and reports it. A damaged line followed by intact ones is not a torn tail but damage: the
 * journal is refused, naming the line.
 */
import { crc32 } from 'node:zlib'
import { LineTooLong, readLines } from './line-reader.js'
import { StateFileError } from './state-error.js'
import { BadRecord, checkOp, type UnitOp } from './units.js'

export const JOURNAL_FORMAT = 'iamflow-emulator-journal'
export const JOURNAL_VERSION = 1

/** One journal line's text (with its newline) for a JSON text. */
export function encodeLine(json: string): string {
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

/** The header line of generation `gen`. */
export function journalHeader(gen: number): string {
  return encodeLine(JSON.stringify({ format: JOURNAL_FORMAT, version: JOURNAL_VERSION, gen }))
}

/** The JSON value of one line, or the reason it is not an intact line. */
export function decodeLine(text: string): { ok: true; value: unknown } | { ok: false; why: string } {
  const m = /^([0-9a-f]{8}) /.exec(text)
  if (!m) return { ok: false, why: 'no checksum' }
  const json = text.slice(9)
  if (crc32(json) !== parseInt(m[1]!, 16)) return { ok: false, why: 'checksum mismatch' }
  try {
    return { ok: true, value: JSON.parse(json) as unknown }
  } catch {
    return { ok: false, why: 'not JSON' }
  }
}

export interface JournalRead {
  gen: number
  /** Records applied. */
  records: number
  /** Bytes of intact lines (the length to cut the file to when there is a torn tail). */
  validLength: number
  /** File size when read. */
  size: number
  /** The incomplete last record, when a crash cut one short. */
  torn?: { line: number; bytes: number; why: string }
}

/**
 * Read the journal at `path`, calling `apply` with each intact record's operations in order.
 * Throws StateFileError for damage that is not a torn tail, or a header of another format.
 */
export function readJournal(path: string, expectedGen: number, apply: (ops: UnitOp[], line: number) => void): JournalRead {
  let records = 0
  let validLength = 0
  let size = 0
  let bad: { line: number; start: number; why: string } | undefined
  let sawHeader = false
  try {
    for (const line of readLines(path, 64 << 20)) {
      size = line.end
      const decoded = line.terminated ? decodeLine(line.text) : ({ ok: false, why: 'incomplete (no newline)' } as const)
      if (!decoded.ok) {
        bad ??= { line: line.number, start: line.start, why: decoded.why }
        continue
      }
      if (bad) {
        throw new StateFileError(
          'STATE_CORRUPT',
          path,
          `${path}: line ${bad.line} is damaged (${bad.why}) but line ${line.number} after it is intact: the journal cannot be replayed safely`,
          `the records before line ${bad.line} are intact: to start from them and lose the rest, cut the file there (truncate -s ${bad.start} ${path})`,
        )
      }
      if (!sawHeader) {
        const h = decoded.value as Record<string, unknown>
        if (h?.format !== JOURNAL_FORMAT) throw new StateFileError('STATE_CORRUPT', path, `${path}: line 1 is not an iamflow journal header`)
        if (h.version !== JOURNAL_VERSION) {
          throw new StateFileError('STATE_VERSION', path, `${path}: journal version ${String(h.version)} is not supported (this iamflow reads version ${JOURNAL_VERSION})`, 'use the iamflow version that wrote this state')
        }
        if (h.gen !== expectedGen) throw new StateFileError('STATE_CORRUPT', path, `${path}: header says generation ${String(h.gen)}, the file name ${expectedGen}`)
        sawHeader = true
      } else {
        const rec = decoded.value as { ops?: unknown }
        if (!Array.isArray(rec?.ops)) throw new StateFileError('STATE_CORRUPT', path, `${path}: line ${line.number}: a record without "ops"`)
        let ops: UnitOp[]
        try {
          ops = rec.ops.map(checkOp)
        } catch (err) {
          if (err instanceof BadRecord) throw new StateFileError('STATE_CORRUPT', path, `${path}: line ${line.number}: ${err.message}`)
          throw err
        }
        apply(ops, line.number)
        records++
      }
      validLength = line.end
    }
  } catch (err) {
    if (err instanceof LineTooLong) throw new StateFileError('STATE_CORRUPT', path, `${path}: ${err.message}: not an iamflow journal`)
    throw err
  }
  const torn = bad ? { line: bad.line, bytes: size - bad.start, why: bad.why } : undefined
  return { gen: expectedGen, records, validLength, size, ...(torn ? { torn } : {}) }
}
