import { isDeepStrictEqual } from 'node:util'
import type { Expectation, OutputCheck } from '../../scenario/types.js'
import { becauseFromDecision, becauseFromMessage } from './because.js'
import { getPath, plain } from './captures.js'
import type { ExpectationFailure } from '../events.js'
import type { Answer } from '../targets/caller.js'
import { hasOwnKey } from '../../safe-object.js'

export type { Answer } from '../targets/caller.js'

/** The verdict on one answer. */
export interface Verdict {
  ok: boolean
  failures: ExpectationFailure[]
  /** Checks this target cannot verify (reported, never a silent pass). */
  unverifiable: string[]
}

/** `success`, `error AccessDenied (message ~ "x", because implicitDeny)`, plus output checks. */
export function describeExpectation(e: Expectation): string {
  if (e.error === undefined) {
    const checks = Object.keys(e.output ?? {})
    return checks.length === 0 ? 'success' : `success with ${checks.join(', ')} checked`
  }
  const extra = [e.message !== undefined ? `message ${JSON.stringify(e.message)}` : '', e.because ? `because ${e.because}` : ''].filter(Boolean)
  return `error ${e.error}${extra.length ? ` (${extra.join(', ')})` : ''}`
}

/** Check an (interpolated) expectation against an answer. */
export function checkExpectation(expect: Expectation, answer: Answer): Verdict {
  const failures: ExpectationFailure[] = []
  const unverifiable: string[] = []
  if (expect.error === undefined) {
    if (answer.kind === 'error') {
      failures.push({ what: 'outcome', expected: 'success', got: `error ${answer.code}` })
    } else {
      for (const [path, check] of Object.entries(expect.output ?? {})) {
        const f = checkOutput(answer.output, path, check)
        if (f) failures.push(f)
      }
    }
    return { ok: failures.length === 0, failures, unverifiable }
  }
  if (answer.kind === 'success') {
    failures.push({ what: 'error', expected: expect.error, got: 'success (the call was allowed)' })
    return { ok: false, failures, unverifiable }
  }
  if (!sameCode(expect.error, answer.code)) {
    failures.push({ what: 'error', expected: expect.error, got: answer.code })
    return { ok: false, failures, unverifiable }
  }
  if (expect.message !== undefined && !messageMatches(expect.message, answer.message)) {
    failures.push({ what: 'message', expected: expect.message, got: answer.message })
  }
  if (expect.because) {
    const fromDecision = answer.decision ? becauseFromDecision(answer.decision) : undefined
    const reasons = fromDecision && fromDecision.size > 0 ? fromDecision : becauseFromMessage(answer.message)
    if (reasons.size === 0) {
      unverifiable.push(`because ${expect.because}: the answer carries no decision trace and its message states no reason`)
    } else if (!reasons.has(expect.because)) {
      failures.push({ what: 'because', expected: expect.because, got: [...reasons].join(' + ') })
    }
  }
  return { ok: failures.length === 0, failures, unverifiable }
}

/** Wire codes and SDK class names are the same error (`NoSuchEntity` = `NoSuchEntityException`). */
function sameCode(expected: string, got: string): boolean {
  return expected === got || `${expected}Exception` === got || expected === `${got}Exception`
}

/** `/regex/flags` or a substring. */
export function messageMatches(pattern: string, message: string): boolean {
  const re = asRegex(pattern)
  return re ? re.test(message) : message.includes(pattern)
}

function asRegex(pattern: string): RegExp | undefined {
  const m = /^\/(.*)\/([dgimsuvy]*)$/s.exec(pattern)
  if (!m) return undefined
  try {
    return new RegExp(m[1], m[2])
  } catch {
    return undefined
  }
}

function checkOutput(output: unknown, path: string, check: OutputCheck): ExpectationFailure | undefined {
  const at = getPath(output, path)
  const got = at.found ? plain(at.value) : undefined
  const what = `output ${path}`
  const shown = at.found ? show(got) : `nothing (no ${at.missing} in the output)`
  if ('exists' in check) {
    return at.found === check.exists ? undefined : { what, expected: check.exists ? 'to exist' : 'to be absent', got: shown }
  }
  if (!at.found) return { what, expected: describeCheck(check), got: shown }
  if ('matches' in check) {
    const re = asRegex(check.matches) ?? new RegExp(check.matches)
    return typeof got === 'string' && re.test(got) ? undefined : { what, expected: `to match ${check.matches}`, got: shown }
  }
  if ('contains' in check) {
    const want = plain(check.contains)
    const ok = typeof got === 'string' ? typeof want === 'string' && got.includes(want) : Array.isArray(got) && got.some((item) => containsMatch(item, want))
    return ok ? undefined : { what, expected: `to contain ${show(want)}`, got: shown }
  }
  // Deep equality, types included (900 is not "900"); timestamps are ISO-8601 text (`plain`).
  const want = plain('equals' in check ? check.equals : check)
  return isDeepStrictEqual(got, want) ? undefined : { what, expected: show(want), got: shown }
}

/** A list item contains `want` when equal, or (objects) when every member of `want` is equal. */
function containsMatch(item: unknown, want: unknown): boolean {
  if (isDeepStrictEqual(item, want)) return true
  if (item && want && typeof item === 'object' && typeof want === 'object' && !Array.isArray(want)) {
    // Own members only: `contains: { __proto__: ... }` compares the item's own `__proto__` member, if any.
    return Object.entries(want).every(([k, v]) => hasOwnKey(item, k) && isDeepStrictEqual((item as Record<string, unknown>)[k], v))
  }
  return false
}

function describeCheck(check: OutputCheck): string {
  if ('matches' in check) return `to match ${check.matches}`
  if ('contains' in check) return `to contain ${show(check.contains)}`
  if ('equals' in check) return show(check.equals)
  return 'to exist'
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v)
}
