import type { RunResult, StepResult, SuiteSummary, TeardownResult } from '../engine/events.js'
import { describeTarget, duration, failureDetails, knownDifferences, outcomeLine, teardownLine } from './format.js'
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js'
import { SEQUENCE_DEFS, sequenceSvg } from './html-sequence.js'
import type { Reporter, ReporterOutput } from './types.js'

/** Longest text kept from one event field; longer text is cut and says how much was left out. */
export const HTML_TEXT_CAP = 4000
/** Longest JSON block (a step's input, its captures). */
export const HTML_JSON_CAP = 20_000
/** Most steps shown for one run (a generated scenario can have thousands). */
export const HTML_STEP_CAP = 1000

/**
 * One self-contained HTML page (inline CSS and script, a Content-Security-Policy that forbids
 * any network access): every scenario run, failures first, with a sequence diagram of who called
 * what, each step with its identity, input,
 * expected and observed outcome, the decision trace, captures and timing, then teardown; filter
 * by status, search by text. Written when the suite ends. Every text from an event is escaped
 * and capped; events carry no secrets (the runner scrubs them).
 */
export function htmlReporter(out: ReporterOutput): Reporter {
  const notices: string[] = []
  return {
    onNotice: (e) => void notices.push(`${e.level}: ${e.message}`),
    onSuiteEnd: (e) => out.write(htmlReport(e.results, e.summary, notices)),
  }
}

const RANK: Record<RunResult['status'], number> = { failed: 0, errored: 1, interrupted: 2, passed: 3 }

/** The document for these results. */
export function htmlReport(results: RunResult[], summary: SuiteSummary, notices: string[] = []): string {
  const runs = [...results].sort((a, b) => RANK[a.status] - RANK[b.status] || a.scenario.file.localeCompare(b.scenario.file))
  const verdict = summary.exitCode === 0 ? 'passed' : summary.failed > 0 ? 'failed' : 'errored'
  const counts = [`${summary.runs} run${summary.runs === 1 ? '' : 's'}`, `${summary.passed} passed`, `${summary.failed} failed`, `${summary.errored} errored`]
  if (summary.interrupted) counts.push(`${summary.interrupted} interrupted`)
  if (summary.skipped) counts.push(`${summary.skipped} not run`)
  counts.push(duration(summary.durationMs), `exit ${summary.exitCode}`)
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>iamflow report: ${esc(verdict)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head><body>',
    '<header>',
    `<h1><span class="badge b-${verdict}">${esc(verdict)}</span>iamflow report</h1>`,
    `<div class="counts">${counts.map((c) => `<span>${esc(c)}</span>`).join('')}</div>`,
    '<div class="toolbar">',
    ...['all', 'failed', 'errored', 'passed', 'skipped'].map((s) => `<button type="button" data-filter="${s}" aria-pressed="${s === 'all'}">${s}</button>`),
    '<input id="search" type="search" placeholder="Search steps, actions, identities, errors" aria-label="Search">',
    '</div>',
    '</header>',
    '<main>',
    SEQUENCE_DEFS,
    ...(notices.length ? [`<pre class="notices">${esc(cap(notices.join('\n')))}</pre>`] : []),
    ...(runs.length === 0 ? ['<p class="muted">No scenario ran.</p>'] : runs.map(runHtml)),
    '</main>',
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n')
}

function runHtml(r: RunResult): string {
  const open = r.status === 'passed' ? '' : ' open'
  const steps = r.steps.slice(0, HTML_STEP_CAP)
  const more = r.steps.length - steps.length
  return [
    `<details class="run s-${r.status}"${open} data-status="${r.status}">`,
    `<summary><span class="badge b-${r.status}">${esc(r.status)}</span>${esc(cap(r.scenario.name))} <span class="muted">${esc(cap(r.scenario.file))} · ${esc(duration(r.durationMs))}</span></summary>`,
    '<div class="body">',
    table([
      ['run id', r.runId],
      ['target', describeTarget(r.target)],
      ['started', r.startedAt],
      ...(r.ledger ? [['ledger', r.ledger] as [string, string]] : []),
    ]),
    ...(r.error ? [`<pre class="error">${esc(cap(r.error))}</pre>`] : []),
    ...(steps.length ? [`<details class="diagram"${open}><summary>sequence diagram</summary>`, sequenceSvg(steps, esc), '</details>'] : []),
    ...steps.map(stepHtml),
    ...(more > 0 ? [`<p class="muted">${more} more step(s) not shown</p>`] : []),
    teardownHtml(r.teardown),
    '</div></details>',
  ].join('\n')
}

function stepHtml(s: StepResult): string {
  const open = s.status === 'failed' || s.status === 'errored' ? ' open' : ''
  const who = s.as === 'operator' ? 'operator' : `as ${s.as}`
  const rows: Array<[string, string]> = [
    ['identity', `${s.as}${s.principalArn ? ` (${s.principalArn})` : ''}`],
    ['action', s.action],
    ['expected', s.expected || '(none)'],
    ['observed', observed(s)],
    ['timing', `${duration(s.durationMs)}, ${s.attempts} attempt${s.attempts === 1 ? '' : 's'}${s.waitedMs ? `, waited ${duration(s.waitedMs)} for propagation` : ''}`],
  ]
  if (s.identity) rows.push(['became identity', s.identity])
  if (s.errorCode) rows.push(['iamflow error', s.errorCode])
  for (const u of s.unverifiable) rows.push(['unverifiable', u])
  const parts = [
    `<details class="step s-${s.status}"${open} data-status="${s.status}">`,
    `<summary><span class="badge b-${s.status}">${esc(s.status)}</span>${esc(`${s.index + 1}. ${cap(s.name ?? s.id)}`)} <span class="muted">${esc(`${s.action} · ${who} · ${outcomeLine(s)} · ${duration(s.durationMs)}`)}</span></summary>`,
    table(rows),
  ]
  if (s.failures.length) {
    parts.push('<table class="miss"><tr><th>check</th><th>expected</th><th>got</th></tr>')
    for (const f of s.failures) parts.push(`<tr><td>${esc(cap(f.what))}</td><td>${esc(cap(f.expected))}</td><td>${esc(cap(f.got))}</td></tr>`)
    parts.push('</table>')
  }
  if (s.status !== 'passed') parts.push(`<pre class="details">${esc(cap([...failureDetails(s), ...knownDifferences(s)].join('\n')))}</pre>`)
  if (s.decision) parts.push(decisionHtml(s.decision))
  if (s.input !== undefined) parts.push('<div class="muted">input</div>', `<pre class="input">${esc(json(s.input))}</pre>`)
  if (Object.keys(s.captures).length) parts.push('<div class="muted">captures</div>', `<pre class="captures">${esc(json(s.captures))}</pre>`)
  parts.push('</details>')
  return parts.join('\n')
}

function observed(s: StepResult): string {
  const o = s.outcome
  if (!o) return s.reason ?? 'no call made'
  switch (o.kind) {
    case 'success':
      return 'success'
    case 'error':
      return `error ${o.code}${o.status ? ` (HTTP ${o.status})` : ''}: ${o.message}`
    case 'infra':
      return `not answered: ${o.code}: ${o.message}`
    default: {
      const unreachable: never = o
      return unreachable
    }
  }
}

/** The emulator's decision: who decided, the matched statements, the conditions that failed. */
function decisionHtml(d: NonNullable<StepResult['decision']>): string {
  const rows: Array<[string, string]> = [['decision', `${d.decision} (decided by ${d.by === 'none' ? 'no' : d.by} policy)`]]
  if (d.summary) rows.push(['because', d.summary])
  for (const m of d.matched ?? []) rows.push(['matched', `${m.policy} ${m.sid ? `statement "${m.sid}" (#${m.index + 1})` : `statement #${m.index + 1}`}`])
  for (const c of d.conditions ?? []) rows.push(['condition not met', `${c.effect ? `${c.effect} ` : ''}${c.sid ? `statement "${c.sid}" (#${c.index + 1})` : `statement #${c.index + 1}`} of ${c.policy}: ${c.operator} ${c.key} (${c.why})`])
  return `<div class="muted">decision trace</div>\n${table(rows, 'decision')}`
}

function teardownHtml(t: TeardownResult): string {
  const parts = [`<details class="teardown s-${t.status === 'completed' ? 'passed' : t.status === 'skipped' ? 'skipped' : 'failed'}"${t.status === 'incomplete' ? ' open' : ''}>`, `<summary><span class="badge b-${t.status}">teardown ${esc(t.status)}</span>${esc(cap(teardownLine(t)))}</summary>`]
  if (t.items.length) {
    parts.push('<table><tr><th>status</th><th>undo</th><th>what</th><th>error</th></tr>')
    for (const i of t.items) parts.push(`<tr><td><span class="badge b-${i.status}">${esc(i.status)}</span></td><td>${esc(i.action)}</td><td>${esc(cap(i.target))}</td><td>${i.error ? esc(cap(`${i.error.code}: ${i.error.message}`)) : ''}</td></tr>`)
    parts.push('</table>')
  }
  parts.push('</details>')
  return parts.join('\n')
}

function table(rows: Array<[string, string]>, cls = 'facts'): string {
  return `<table class="${cls}">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(cap(v))}</td></tr>`).join('')}</table>`
}

function json(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value, null, 2) ?? 'undefined'
  } catch {
    text = '(not representable)'
  }
  return cap(text, HTML_JSON_CAP)
}

/** `text`, cut to `max` characters with a note of what was left out. */
export function cap(text: string, max = HTML_TEXT_CAP): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`
}

/** Escape for HTML text and double-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
