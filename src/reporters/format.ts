import { describeDecision } from '../engine/run/because.js'
import type { RunResult, StepResult, TargetInfo, TeardownResult } from '../engine/events.js'

/** `12 ms`, `1.4 s`, `2 min 5 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** `embedded emulator (account 123456789012)`, `http://127.0.0.1:4566 (account ...)`, `AWS us-east-1 (account ...)`. */
export function describeTarget(t: TargetInfo): string {
  // A scenario's named accounts follow the default one: `account 111..., development 222...`.
  const named = (t.accounts ?? []).map((a) => `, ${a.name} ${a.id}${a.profile ? ` (profile ${a.profile})` : ''}`).join('')
  return describeDefault(t) + named
}

function describeDefault(t: TargetInfo): string {
  switch (t.kind) {
    case 'embedded':
      return `embedded emulator${t.statePath ? ` (state ${t.statePath})` : ''}, account ${t.account}`
    case 'endpoint':
      return `${t.endpoint}, account ${t.account}`
    case 'aws':
      return `AWS ${t.region}${t.profile ? ` (profile ${t.profile})` : ''}, account ${t.account}`
    default: {
      const unreachable: never = t.kind
      return unreachable
    }
  }
}

/** What happened in one line: `AccessDenied (expected)`, `ok`, `errored: ...`. */
export function outcomeLine(s: StepResult): string {
  if (s.status === 'skipped' || s.status === 'errored') return s.reason ?? s.status
  // Failed before any call (an identity or a capture an earlier step did not make).
  if (s.status === 'failed' && s.outcome === undefined && s.reason) return s.reason
  if (s.outcome?.kind === 'error') return s.status === 'passed' ? `${s.outcome.code} (expected)` : s.outcome.code
  return s.identity ? `ok -> identity ${s.identity}` : 'ok'
}

/**
 * The explanation of a step that did not pass: expected vs got, the AWS code and message, the
 * acting principal, and (emulator) the decision. One string per line, unindented.
 */
export function failureDetails(s: StepResult): string[] {
  const lines: string[] = []
  if (s.status === 'errored' || s.status === 'skipped') {
    lines.push(`${s.status}: ${s.reason ?? 'no reason given'}`)
    if (s.outcome?.kind === 'infra') lines.push(`cause: ${s.outcome.code}: ${s.outcome.message}`)
    return lines
  }
  for (const f of s.failures) {
    lines.push(`${f.what}: expected ${f.expected}`)
    lines.push(`${' '.repeat(f.what.length)}  got      ${f.got}`)
  }
  if (s.outcome?.kind === 'error') {
    lines.push(`aws error: ${s.outcome.code}${s.outcome.status ? ` (HTTP ${s.outcome.status})` : ''}: ${s.outcome.message}`)
    if (s.outcome.requestId) lines.push(`request id: ${s.outcome.requestId}`)
  }
  lines.push(`acting as: ${s.as}${s.principalArn ? ` (${s.principalArn})` : ''}`)
  if (s.decision) lines.push(`decision: ${describeDecision(s.decision)}`)
  if (s.attempts > 1) lines.push(`attempts: ${s.attempts} (waited ${duration(s.waitedMs)} for IAM propagation)`)
  return lines
}

/** One line about teardown: `4 undone`, `3 undone, 1 FAILED (iam.deleteRole: DeleteConflict)`. */
export function teardownLine(t: TeardownResult): string {
  if (t.status === 'skipped') return t.leftovers > 0 ? `skipped (--keep): ${t.leftovers} to clean up later` : 'skipped'
  const count = (status: string) => t.items.filter((i) => i.status === status).length
  const parts = [`${count('done')} undone`]
  if (count('gone')) parts.push(`${count('gone')} already gone`)
  if (count('superseded')) parts.push(`${count('superseded')} removed by a later undo`)
  if (count('kept')) parts.push(`${count('kept')} kept`)
  const failed = t.items.filter((i) => i.status === 'failed')
  if (failed.length) parts.push(`${failed.length} FAILED (${failed.map((i) => `${i.action} ${i.target}: ${i.error?.code ?? '?'}`).join('; ')})`)
  if (count('skipped')) parts.push(`${count('skipped')} skipped`)
  return parts.join(', ')
}

/** How to finish a teardown later, when something was left. */
export function cleanupHint(r: RunResult): string | undefined {
  const left = r.teardown.leftovers
  if (left === 0) return undefined
  if (r.target.kind === 'embedded' && !r.target.statePath) return undefined
  return `${left} resource${left === 1 ? '' : 's'} left: run \`iamflow cleanup ${r.runId}\` to remove ${left === 1 ? 'it' : 'them'}`
}

/**
 * `run --compare`: a known difference (accepted by the record's `known:`), one line per field,
 * recorded vs observed. Differences that fail a step are among its failures already.
 */
export function knownDifferences(s: StepResult): string[] {
  const c = s.comparison
  if (c?.verdict !== 'known') return []
  return [`known difference (${c.known}):`, ...c.differences.map((d) => `  ${d.field}: recorded ${d.a}, observed ${d.b}`)]
}
