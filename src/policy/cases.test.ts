import { describe, expect, it } from 'vitest'
import { evalTables, validationTables } from './cases/index.js'
import { requestOf, runCase } from './cases/run.js'
import { compilePolicy } from './compile.js'
import { denialMessage } from './message.js'
import { explainDecision } from './explain.js'
import type { EvalCase } from './cases/types.js'

function checkStatement(c: EvalCase, matched: { sid?: string; index: number; effect: string; policyKind: string }[], by: string | undefined) {
  const want = c.expect.statement!
  const effect = c.expect.decision === 'ExplicitDeny' ? 'Deny' : 'Allow'
  const hit = matched.find((m) => (want.startsWith('#') ? m.index === Number(want.slice(1)) : m.sid === want) && m.effect === effect && (by === undefined || by === 'root' || m.policyKind === by))
  expect(hit, `statement ${want} (${effect}, ${by}) among matched ${JSON.stringify(matched)}`).toBeDefined()
}

for (const [file, cases] of Object.entries(evalTables)) {
  describe(`evaluation cases: ${file}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const { decision } = runCase(c)
      const explanation = () => `${c.source}\n${explainDecision(decision)}`
      expect(decision.decision, explanation()).toBe(c.expect.decision)
      if (c.expect.by !== undefined) expect(decision.by, explanation()).toBe(c.expect.by)
      if (c.expect.statement !== undefined) checkStatement(c, decision.matched, c.expect.by)
      if (c.expect.message !== undefined) expect(denialMessage(decision, requestOf(c), c.expect.style ?? 'query')).toBe(c.expect.message)
      if (c.expect.missingContextKeys !== undefined) expect(decision.missingContextKeys).toEqual(c.expect.missingContextKeys)
    })
  })
}

for (const [file, cases] of Object.entries(validationTables)) {
  describe(`validation cases: ${file}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const r = compilePolicy(c.document, c.kind, { managed: c.managed })
      if (c.expect === 'ok') expect(r.ok ? 'ok' : r.error).toBe('ok')
      else expect(r.ok ? 'ok' : r.error).toEqual(c.expect)
    })
  })
}

describe('case tables', () => {
  it('hold at least 300 cases, each with a source', () => {
    const all = [...Object.values(evalTables).flat(), ...Object.values(validationTables).flat()]
    for (const c of all) expect(c.source.length, c.name).toBeGreaterThan(10)
    const names = all.map((c) => c.name)
    expect(new Set(names).size, 'case names are unique').toBe(names.length)
    expect(all.length).toBeGreaterThanOrEqual(300)
  })
})

describe('case audit (issue 16)', () => {
  it('every case that asserts an exact AWS message says how sure we are of it', () => {
    const exact = [
      ...Object.values(evalTables).flat().filter((c) => c.expect.message !== undefined && c.expect.message !== ''),
      ...Object.values(validationTables).flat().filter((c) => c.expect !== 'ok'),
    ]
    const without = exact.filter((c) => c.evidence === undefined || c.evidence.ref.length < 5).map((c) => c.name)
    expect(without).toEqual([])
    expect(exact.length).toBeGreaterThanOrEqual(90)
  })
})

