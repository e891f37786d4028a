import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Ledger, type LedgerRecord, readLedger } from '../src/engine/ledger/ledger.js'

/**
 * Crash safety of the ledger file itself: a process killed (or a disk filled) mid-write leaves
 * a torn last line. The ledger ignores it; `cleanup` then reopens the ledger and appends
 * several records, which must all read back (and the ledger stay readable for `runs`).
 */
const dir = mkdtempSync(join(tmpdir(), 'iamflow-rel-ledger-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const header: Extract<LedgerRecord, { t: 'run' }> = {
  t: 'run',
  v: 1,
  runId: 'mwaaaaaa-torn',
  scenario: { name: 's', file: 's.yaml' },
  target: { kind: 'endpoint', region: 'us-east-1', account: '123456789012', endpoint: 'http://127.0.0.1:1' },
  startedAt: '2026-01-01T00:00:00.000Z',
  pid: 1,
}
const at = '2026-01-01T00:00:01.000Z'

describe('a torn ledger, reopened by cleanup', () => {
  it('keeps every record appended after the torn line, and stays readable', () => {
    const ledger = Ledger.create(dir, header)
    const intent = ledger.append({ t: 'intent', stepId: 'u', action: 'iam.createUser', input: { UserName: 'u' }, at })
    const undo = ledger.append({ t: 'undo', intent, stepId: 'u', undo: [{ action: 'iam.deleteUser', input: { UserName: 'u' } }], at })
    ledger.close()
    const path = join(dir, header.runId, 'ledger.jsonl')
    appendFileSync(path, '{"t":"intent","seq":3,"stepId":"k","act') // killed mid-write
    expect(readLedger(path).map((r) => r.t)).toEqual(['run', 'intent', 'undo'])

    const again = Ledger.reopen(path)
    again.append({ t: 'done', undo, index: 0, status: 'done', at })
    again.append({ t: 'end', status: 'cleaned', leftovers: 0, at })
    again.close()
    const records = readLedger(path)
    expect(records.map((r) => r.t)).toEqual(['run', 'intent', 'undo', 'done', 'end'])
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true)
  })
})
