import { appendFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeLine, encodeLine, journalHeader, readJournal } from './journal.js'
import { JournalWriter } from './journal-writer.js'
import { StateFileError } from './state-error.js'
import type { UnitOp } from './units.js'

const dir = () => mkdtempSync(join(tmpdir(), 'iamflow-journal-'))
const record = (n: number) => encodeLine(JSON.stringify({ t: n, ops: [{ k: 'session', n: `ASIA${n}`, v: { accessKeyId: `ASIA${n}`, accountId: '123456789012' } }] }))

function journalFile(lines: string[]): string {
  const path = join(dir(), 'state.json.journal.1')
  writeFileSync(path, journalHeader(1) + lines.join(''))
  return path
}

function read(path: string): { keys: string[]; result: ReturnType<typeof readJournal> } {
  const keys: string[] = []
  const result = readJournal(path, 1, (ops: UnitOp[]) => keys.push(...ops.map((o) => o.n)))
  return { keys, result }
}

function error(fn: () => unknown): StateFileError {
  try {
    fn()
  } catch (err) {
    if (err instanceof StateFileError) return err
    throw err
  }
  throw new Error('expected a StateFileError')
}

describe('journal lines', () => {
  it('round-trip through a CRC32-prefixed line; any changed byte is caught', () => {
    const line = encodeLine('{"a":"é\\n"}')
    expect(line).toMatch(/^[0-9a-f]{8} \{"a":"é\\n"\}\n$/)
    expect(decodeLine(line.slice(0, -1))).toEqual({ ok: true, value: { a: 'é\n' } })
    expect(decodeLine(line.slice(0, -1).replace('a', 'b'))).toEqual({ ok: false, why: 'checksum mismatch' })
    expect(decodeLine('{"a":1}')).toEqual({ ok: false, why: 'no checksum' })
  })
})

describe('reading a journal', () => {
  it('replays every record in order and reports the intact length', () => {
    const path = journalFile([record(1), record(2), record(3)])
    const { keys, result } = read(path)
    expect(keys).toEqual(['ASIA1', 'ASIA2', 'ASIA3'])
    expect(result).toEqual({ gen: 1, records: 3, validLength: readFileSync(path).length, size: readFileSync(path).length })
  })

  it('cuts a last record cut short by a crash (no newline) and says so, keeping the ones before it', () => {
    const path = journalFile([record(1), record(2), record(3).slice(0, 40)])
    const { keys, result } = read(path)
    expect(keys).toEqual(['ASIA1', 'ASIA2'])
    expect(result.torn).toEqual({ line: 4, bytes: 40, why: 'incomplete (no newline)' })
    expect(result.validLength).toBe(Buffer.byteLength(journalHeader(1) + record(1) + record(2)))
  })

  it('treats a damaged last line (zeros after a power loss) as a torn tail too', () => {
    const path = journalFile([record(1), '\0'.repeat(30) + '\n'])
    const { keys, result } = read(path)
    expect(keys).toEqual(['ASIA1'])
    expect(result.torn).toMatchObject({ line: 3, why: 'no checksum' })
  })

  it('refuses a damaged line followed by intact ones, naming both lines and how to cut the file', () => {
    const bad = record(2).replace('ASIA2', 'ASIA9')
    const path = journalFile([record(1), bad, record(3)])
    const err = error(() => read(path))
    expect(err.code).toBe('STATE_CORRUPT')
    expect(err.message).toBe(`${path}: line 3 is damaged (checksum mismatch) but line 4 after it is intact: the journal cannot be replayed safely`)
    expect(err.hint).toBe(`the records before line 3 are intact: to start from them and lose the rest, cut the file there (truncate -s ${Buffer.byteLength(journalHeader(1) + record(1))} ${path})`)
  })

  it('refuses a header of another version or generation, and records of an unknown kind', () => {
    const other = join(dir(), 'state.json.journal.1')
    writeFileSync(other, encodeLine(JSON.stringify({ format: 'iamflow-emulator-journal', version: 9, gen: 1 })))
    expect(error(() => read(other)).message).toBe(`${other}: journal version 9 is not supported (this iamflow reads version 1)`)
    writeFileSync(other, journalHeader(2))
    expect(error(() => read(other)).message).toBe(`${other}: header says generation 2, the file name 1`)
    const path = journalFile([encodeLine(JSON.stringify({ t: 1, ops: [{ k: 'widget', n: 'x', v: {} }] }))])
    expect(error(() => read(path)).message).toBe(`${path}: line 2: unknown unit kind "widget"`)
  })
})

describe('journal writer', () => {
  it('creates the file with its header, appends whole lines, cuts a torn tail before the first append', async () => {
    const d = dir()
    const path = join(d, 'state.json.journal.1')
    writeFileSync(path, journalHeader(1) + record(1) + record(2).slice(0, 25))
    const { result } = read(path)
    const w = new JournalWriter(() => path, 1, result.validLength, result.size, d, { mode: 'always' })
    w.append(record(3))
    await w.durable()
    expect(read(path).keys).toEqual(['ASIA1', 'ASIA3'])
    expect(read(path).result.torn).toBeUndefined()
    await w.close()
    const fresh = join(d, 'state.json.journal.2')
    const w2 = new JournalWriter((g) => join(d, `state.json.journal.${g}`), 2, 0, 0, d, { mode: 'batch', windowMs: 5 })
    w2.append(record(4))
    w2.append(record(5))
    await w2.durable()
    expect(readFileSync(fresh, 'utf8')).toBe(journalHeader(2) + record(4) + record(5))
    w2.rotate(3)
    expect(readFileSync(join(d, 'state.json.journal.3'), 'utf8')).toBe(journalHeader(3))
    await w2.close()
  })

  it('refuses to append to a journal that changed since it was read (another writer)', () => {
    const d = dir()
    const path = join(d, 'state.json.journal.1')
    writeFileSync(path, journalHeader(1))
    const w = new JournalWriter(() => path, 1, journalHeader(1).length, journalHeader(1).length, d, { mode: 'none' })
    appendFileSync(path, record(1))
    expect(() => w.append(record(2))).toThrow(/changed since it was read .*: is another process using this state\?/)
  })

  it.skipIf(!existsSync('/dev/full'))('throws the write error (ENOSPC) and leaves no partial record', () => {
    const d = dir()
    const path = join(d, 'state.json.journal.1')
    symlinkSync('/dev/full', path)
    const w = new JournalWriter(() => path, 1, 0, 0, d, { mode: 'none' })
    expect(() => w.append(record(1))).toThrow(/ENOSPC/)
  })
})
