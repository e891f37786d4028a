import type { RunResult, StepResult } from '../engine/events.js'
import { failureDetails, knownDifferences, outcomeLine, teardownLine } from './format.js'
import type { Reporter, ReporterOutput } from './types.js'

/**
 * JUnit XML for CI systems (the de-facto schema Jenkins, GitLab and GitHub reporters read):
 * one <testsuite> per scenario run, one <testcase> per step plus one for its teardown.
 */
export function junitReporter(out: ReporterOutput): Reporter {
  return {
    onSuiteEnd: (e) => out.write(junitXml(e.results, e.summary.durationMs)),
  }
}

/** The XML document for these results. */
export function junitXml(results: RunResult[], durationMs: number): string {
  const suites = results.map(suiteXml)
  const total = (f: (r: RunResult) => number) => results.reduce((n, r) => n + f(r), 0)
  const tests = total((r) => r.steps.length + 1)
  const failures = total((r) => r.steps.filter((s) => s.status === 'failed').length + (r.teardown.status === 'incomplete' ? 1 : 0))
  const errors = total((r) => r.steps.filter((s) => s.status === 'errored').length + (r.error ? 1 : 0))
  const skipped = total((r) => r.steps.filter((s) => s.status === 'skipped').length + (r.teardown.status === 'skipped' ? 1 : 0))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iamflow" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function suiteXml(r: RunResult): string {
  const name = r.scenario.name
  const count = (status: StepResult['status']) => r.steps.filter((s) => s.status === status).length
  const lines = [
    `  <testsuite name="${attr(name)}" tests="${r.steps.length + 1}" failures="${count('failed') + (r.teardown.status === 'incomplete' ? 1 : 0)}" errors="${count('errored') + (r.error ? 1 : 0)}" skipped="${count('skipped') + (r.teardown.status === 'skipped' ? 1 : 0)}" time="${seconds(r.durationMs)}" timestamp="${attr(r.startedAt)}" file="${attr(r.scenario.file)}">`,
    '    <properties>',
    `      <property name="run-id" value="${attr(r.runId)}"/>`,
    `      <property name="target" value="${attr(r.target.kind)}"/>`,
    `      <property name="account" value="${attr(r.target.account)}"/>`,
    `      <property name="status" value="${attr(r.status)}"/>`,
    '    </properties>',
  ]
  for (const s of r.steps) lines.push(...caseXml(name, r.scenario.file, s))
  lines.push(...teardownCase(r))
  if (r.error) lines.push(`    <system-err>${text(r.error)}</system-err>`)
  lines.push('  </testsuite>')
  return lines.join('\n')
}

function caseXml(suite: string, file: string, s: StepResult): string[] {
  const open = `    <testcase classname="${attr(suite)}" name="${attr(`${s.id} (${s.action}${s.as === 'operator' ? '' : ` as ${s.as}`})`)}" time="${seconds(s.durationMs)}" file="${attr(file)}"`
  const body = [...failureDetails(s), ...knownDifferences(s)].join('\n')
  switch (s.status) {
    case 'passed': {
      const notes = [...s.unverifiable.map((u) => `unverifiable: ${u}`), ...knownDifferences(s)]
      return notes.length ? [`${open}>`, `      <system-out>${text(notes.join('\n'))}</system-out>`, '    </testcase>'] : [`${open}/>`]
    }
    case 'failed': {
      const first = s.failures[0]
      const message = first ? `${first.what}: expected ${first.expected}, got ${first.got}` : outcomeLine(s)
      return [`${open}>`, `      <failure message="${attr(message)}" type="${attr(s.outcome?.kind === 'error' ? s.outcome.code : 'ExpectationFailed')}">${text(body)}</failure>`, '    </testcase>']
    }
    case 'errored':
      return [`${open}>`, `      <error message="${attr(s.reason ?? 'errored')}" type="${attr(s.outcome?.kind === 'infra' ? s.outcome.code : 'RunnerError')}">${text(body)}</error>`, '    </testcase>']
    case 'skipped':
      return [`${open}>`, `      <skipped message="${attr(s.reason ?? 'skipped')}"/>`, '    </testcase>']
    default: {
      const unreachable: never = s.status
      return unreachable
    }
  }
}

function teardownCase(r: RunResult): string[] {
  const open = `    <testcase classname="${attr(r.scenario.name)}" name="teardown" time="${seconds(r.teardown.durationMs)}" file="${attr(r.scenario.file)}"`
  const summary = teardownLine(r.teardown)
  if (r.teardown.status === 'completed') return [`${open}>`, `      <system-out>${text(summary)}</system-out>`, '    </testcase>']
  if (r.teardown.status === 'skipped') return [`${open}>`, `      <skipped message="${attr(summary)}"/>`, '    </testcase>']
  const details = r.teardown.items.filter((i) => i.status === 'failed' || i.status === 'skipped').map((i) => `${i.status} ${i.action} ${i.target}${i.error ? `: ${i.error.code}: ${i.error.message}` : ''}`)
  return [`${open}>`, `      <failure message="${attr(`teardown left ${r.teardown.leftovers} resource(s)`)}" type="TeardownIncomplete">${text([summary, ...details].join('\n'))}</failure>`, '    </testcase>']
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

// XML 1.0 forbids most control characters even when escaped.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function text(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;')
}
