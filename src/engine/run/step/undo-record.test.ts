import { describe, expect, it } from 'vitest'
import { resolveAction } from '../../../actions/registry.js'
import type { Step } from '../../../scenario/types.js'
import type { ErrorOutcome } from '../../../aws/errors.js'
import type { RunEnv } from '../run-env.js'
import { recordIntent, settleIntent } from './undo-record.js'

/** Only what the stage touches: the ledger's append and the run's values. */
function envWith(values: Record<string, unknown> = {}): { env: RunEnv; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = []
  const env = {
    ledger: { append: (r: Record<string, unknown>) => records.push(r) - 1 },
    ctx: { lookup: (name: string) => (Object.hasOwn(values, name) ? { found: true, value: values[name] } : { found: false }) },
    scenario: { locate: () => ({ file: 's.yaml', line: 1, column: 1 }) },
  } as unknown as RunEnv
  return { env, records }
}

function step(over: Partial<Step>): Step {
  return { id: 's', action: 'iam.createUser', input: {}, as: 'operator', expect: { output: {} }, capture: {}, teardown: true, loc: { file: 's.yaml', line: 1, column: 1 }, index: 0, ...over } as Step
}

const createUser = resolveAction('iam.createUser')!
const listUsers = resolveAction('iam.listUsers')!
const input = { UserName: 'u1' }
const error = (code: string, ambiguous: boolean): ErrorOutcome => ({ kind: 'error', code, message: 'm', status: ambiguous ? 500 : 409, ambiguous }) as ErrorOutcome
const shape = (rs: Array<Record<string, unknown>>) => rs.map(({ at: _at, ...r }) => r)

describe('stage "record undo": intent before the call, undo or settled after', () => {
  it('records nothing for a call that creates nothing', () => {
    const { env, records } = envWith()
    expect(recordIntent(step({ action: 'iam.listUsers' }), listUsers, {}, env)).toBeUndefined()
    settleIntent(step({}), listUsers, {}, undefined, { kind: 'success', output: {} }, env)
    expect(records).toEqual([])
  })

  it("a success records the action's own undo against the intent", () => {
    const { env, records } = envWith()
    const s = step({})
    const intent = recordIntent(s, createUser, input, env)
    expect(intent).toBe(0)
    settleIntent(s, createUser, input, intent, { kind: 'success', output: { User: { UserName: 'u1' } } }, env)
    expect(shape(records)).toEqual([
      { t: 'intent', stepId: 's', action: 'iam.createUser', input },
      { t: 'undo', intent: 0, stepId: 's', undo: [{ action: 'iam.deleteUser', input: { UserName: 'u1' } }] },
    ])
  })

  it("a step's undo: wins, rendered from the run's values", () => {
    const { env, records } = envWith({ who: 'u1' })
    const s = step({ undo: [{ action: 'iam.deleteUser', input: { UserName: '${{ who }}' } }] })
    const intent = recordIntent(s, createUser, input, env)
    settleIntent(s, createUser, input, intent, { kind: 'success', output: {} }, env)
    expect(shape(records)[1]).toEqual({ t: 'undo', intent: 0, stepId: 's', undo: [{ action: 'iam.deleteUser', input: { UserName: 'u1' } }] })
  })

  it('a kept step records its intent and undo as kept', () => {
    const { env, records } = envWith()
    const s = step({ teardown: false })
    const intent = recordIntent(s, createUser, input, env)
    settleIntent(s, createUser, input, intent, { kind: 'success', output: { User: { UserName: 'u1' } } }, env)
    expect(shape(records).map((r) => [r.t, r.kept])).toEqual([['intent', true], ['undo', true]])
  })

  it('a clear error settles the intent; an ambiguous one (5xx, throttling) leaves it open for recovery', () => {
    const { env, records } = envWith()
    const s = step({})
    settleIntent(s, createUser, input, recordIntent(s, createUser, input, env), error('EntityAlreadyExists', false), env)
    settleIntent(s, createUser, input, recordIntent(s, createUser, input, env), error('ServiceFailure', true), env)
    expect(shape(records).map((r) => r.t)).toEqual(['intent', 'settled', 'intent'])
    expect(shape(records)[1]).toEqual({ t: 'settled', intent: 0, code: 'EntityAlreadyExists' })
  })
})
