import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Ledger, type LedgerRecord, listRunIds, readLedger } from '../src/engine/ledger/ledger.js'
import { ledgerState } from '../src/engine/ledger/ledger-state.js'
import { isRunId, newRunId, runIdTime } from '../src/engine/ledger/run-id.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'iamflow-ledger-'))
  dirs.push(d)
  return d
}
const header = (runId: string): Extract<LedgerRecord, { t: 'run' }> => ({
  t: 'run',
  v: 1,
  runId,
  scenario: { name: 's', file: 's.yaml' },
  target: { kind: 'embedded', region: 'us-east-1', account: '123456789012' },
  startedAt: '2026-01-01T00:00:00.000Z',
  pid: process.pid,
})
const at = '2026-01-01T00:00:01.000Z'

describe('run ids', () => {
  it('are short, name-safe, unique and ordered by time', () => {
    const a = newRunId(1_700_000_000_000)
    const b = newRunId(1_700_000_000_001)
    expect(a).toMatch(/^[0-9a-z]{8}-[0-9a-z]{4}$/)
    expect(isRunId(a)).toBe(true)
    expect(isRunId('../etc')).toBe(false)
    expect(a < b).toBe(true)
    expect(runIdTime(a)).toBe(1_700_000_000_000)
    expect(new Set(Array.from({ length: 200 }, () => newRunId(5))).size).toBeGreaterThan(190)
  })
})

describe('Ledger', () => {
  it('appends JSON lines with sequence numbers and reads them back', () => {
    const dir = tmp()
    const ledger = Ledger.create(dir, header('aaaaaaaa-0001'))
    const intent = ledger.append({ t: 'intent', stepId: 'create-user', action: 'iam.createUser', input: { UserName: 'u' }, at })
    ledger.append({ t: 'undo', intent, stepId: 'create-user', undo: [{ action: 'iam.deleteUser', input: { UserName: 'u' } }], at })
    ledger.close()
    const records = readLedger(join(dir, 'aaaaaaaa-0001', 'ledger.jsonl'))
    expect(records.map((r) => r.t)).toEqual(['run', 'intent', 'undo'])
    expect(records[1]).toMatchObject({ seq: 1, action: 'iam.createUser' })
    expect(records[2]).toMatchObject({ seq: 2, intent: 1 })
    expect(listRunIds(dir)).toEqual(['aaaaaaaa-0001'])
  })

  it('a deferred ledger (throw-away emulator) reaches the disk only at close', () => {
    const dir = tmp()
    const ledger = Ledger.create(dir, header('aaaaaaaa-0009'), 'deferred')
    ledger.append({ t: 'intent', stepId: 'a', action: 'iam.createUser', input: { UserName: 'u' }, at })
    expect(listRunIds(dir)).toEqual([])
    ledger.close()
    expect(readLedger(join(dir, 'aaaaaaaa-0009', 'ledger.jsonl')).map((r) => r.t)).toEqual(['run', 'intent'])
  })

  it('never writes secret-named members', () => {
    const dir = tmp()
    const ledger = Ledger.create(dir, header('aaaaaaaa-0002'))
    ledger.append({ t: 'intent', stepId: 'p', action: 'iam.createLoginProfile', input: { UserName: 'u', Password: 'Hunter2-very-secret!' }, at })
    ledger.close()
    const text = readFileSync(join(dir, 'aaaaaaaa-0002', 'ledger.jsonl'), 'utf8')
    expect(text).not.toContain('Hunter2')
    expect(text).toContain('"Password":"[redacted]"')
  })

  it('ignores a torn last line (killed mid-write) and reopens to append after it', () => {
    const dir = tmp()
    const ledger = Ledger.create(dir, header('aaaaaaaa-0003'))
    ledger.append({ t: 'intent', stepId: 'a', action: 'iam.createUser', input: { UserName: 'u' }, at })
    ledger.close()
    const path = join(dir, 'aaaaaaaa-0003', 'ledger.jsonl')
    appendFileSync(path, '{"t":"undo","seq":2,"inte')
    expect(readLedger(path).map((r) => r.t)).toEqual(['run', 'intent'])
    const again = Ledger.reopen(path)
    expect(again.append({ t: 'settled', intent: 1, code: 'EntityAlreadyExists', at })).toBe(2)
    again.close()
  })
})

describe('ledgerState', () => {
  const records: LedgerRecord[] = [
    header('aaaaaaaa-0004'),
    { t: 'intent', seq: 1, stepId: 'user', action: 'iam.createUser', input: { UserName: 'u' }, at },
    { t: 'undo', seq: 2, intent: 1, stepId: 'user', undo: [{ action: 'iam.deleteUser', input: { UserName: 'u' } }], at },
    { t: 'intent', seq: 3, stepId: 'key', action: 'iam.createAccessKey', input: { UserName: 'u' }, at },
    { t: 'undo', seq: 4, intent: 3, stepId: 'key', undo: [{ action: 'iam.deleteAccessKey', input: { UserName: 'u', AccessKeyId: 'AKIA1' } }], at },
    { t: 'intent', seq: 5, stepId: 'dup', action: 'iam.createRole', input: { RoleName: 'r' }, at },
    { t: 'settled', seq: 6, intent: 5, code: 'EntityAlreadyExists', at },
    { t: 'intent', seq: 7, stepId: 'keep', action: 'iam.createGroup', input: { GroupName: 'g' }, at, kept: true },
    { t: 'undo', seq: 8, intent: 7, stepId: 'keep', undo: [{ action: 'iam.deleteGroup', input: { GroupName: 'g' } }], kept: true, at },
    { t: 'intent', seq: 9, stepId: 'crash', action: 'iam.createPolicy', input: { PolicyName: 'p' }, at },
  ]

  it('lists pending undos last-created first, kept ones apart, and open intents', () => {
    const s = ledgerState(records)
    expect(s.pending.map((p) => p.spec.action)).toEqual(['iam.deleteAccessKey', 'iam.deleteUser'])
    expect(s.kept.map((p) => p.spec.action)).toEqual(['iam.deleteGroup'])
    expect(s.open.map((o) => o.action)).toEqual(['iam.createPolicy'])
    expect(s.end).toBeUndefined()
  })

  it('drops undos marked done', () => {
    const s = ledgerState([...records, { t: 'done', seq: 10, undo: 4, index: 0, status: 'gone', at }])
    expect(s.pending.map((p) => p.spec.action)).toEqual(['iam.deleteUser'])
  })
})
