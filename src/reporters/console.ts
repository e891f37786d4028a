import type { RunResult, StepResult, TeardownItem } from '../engine/events.js'
import { cleanupHint, describeTarget, duration, failureDetails, knownDifferences, outcomeLine, teardownLine } from './format.js'
import type { Reporter, ReporterOutput } from './types.js'

export interface ConsoleOptions {
  /** Colour (default: a TTY without NO_COLOR). */
  color?: boolean
  /** List every teardown call (default: one summary line unless something failed). */
  verbose?: boolean
}

const ANSI = { green: 32, red: 31, yellow: 33, dim: 2, bold: 1, cyan: 36 } as const
type Style = keyof typeof ANSI

/**
 * Human output: a header per scenario, one line per step with timing, failure details, a
 * teardown line and a summary. Plain text without a TTY or with NO_COLOR; on a TTY, a live
 * "waiting for propagation" line. With several scenarios in parallel, each scenario's lines
 * are printed together when it ends.
 */
export function consoleReporter(out: ReporterOutput, opts: ConsoleOptions = {}): Reporter {
  const color = opts.color ?? (out.isTTY && !process.env.NO_COLOR)
  const paint = (style: Style, text: string) => (color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text)
  const mark = { passed: paint('green', '✓'), failed: paint('red', '✗'), errored: paint('red', '!'), skipped: paint('yellow', '-') }
  let buffered = false
  const buffers = new Map<string, string[]>()
  let live = false
  const clearLive = () => {
    if (live) out.write('\r\u001b[2K')
    live = false
  }
  const emit = (runId: string | undefined, line: string) => {
    const buffer = runId !== undefined && buffered ? buffers.get(runId) : undefined
    if (buffer) buffer.push(line)
    else {
      clearLive()
      out.write(`${line}\n`)
    }
  }
  const idWidth = new Map<string, number>()
  const announced = new Set<string>()

  const stepLine = (runId: string, s: StepResult) => {
    const width = idWidth.get(runId) ?? 12
    const who = s.as === 'operator' ? '' : ` as ${s.as}`
    const time = s.status === 'skipped' ? '' : paint('dim', `  ${duration(s.durationMs)}`)
    const what = s.status === 'passed' ? paint('dim', outcomeLine(s)) : paint(s.status === 'skipped' ? 'yellow' : 'red', outcomeLine(s))
    emit(runId, `  ${mark[s.status]} ${s.id.padEnd(width)}  ${s.action}${who}  ${what}${time}`)
    if (s.status === 'failed' || s.status === 'errored') for (const l of failureDetails(s)) emit(runId, `      ${l}`)
    else if (s.attempts > 1) emit(runId, paint('dim', `      waited ${duration(s.waitedMs)} for IAM propagation (${s.attempts} attempts)`))
    for (const u of s.unverifiable) emit(runId, `      ${paint('yellow', 'unverifiable')}: ${u}`)
    for (const k of knownDifferences(s)) emit(runId, `      ${paint('yellow', k)}`)
  }

  const itemLine = (runId: string, i: TeardownItem) => {
    const status = i.status === 'done' ? paint('green', 'done') : i.status === 'failed' ? paint('red', 'FAILED') : i.status
    emit(runId, `      ${status} ${i.action} ${i.target}${i.error ? `: ${i.error.code}: ${i.error.message}` : ''}${i.recovered ? ' (recovered)' : ''}`)
  }

  return {
    onSuiteStart: (e) => {
      buffered = e.parallel > 1
    },
    onRunStart: (e) => {
      if (buffered) buffers.set(e.runId, [])
      idWidth.set(e.runId, Math.max(4, ...e.steps.map((s) => s.id.length)))
      emit(e.runId, `${paint('bold', e.scenario.name)} ${paint('dim', `(${e.scenario.file}) run ${e.runId} on ${describeTarget(e.target)}`)}`)
      // Run-scoped names (--unique-names): what this run calls the lab's names.
      if (e.names && e.names.length > 0) emit(e.runId, paint('dim', `  names: ${[...new Set(e.names.map((n) => `${n.name} → ${n.renamed}`))].join(', ')}`))
    },
    onStepWait: (e) => {
      if (!out.isTTY || buffered) {
        // Plain output: one line when a step starts waiting, none per attempt.
        const key = `${e.runId} ${e.stepId}`
        if (!announced.has(key)) emit(e.runId, `    ${e.stepId}: waiting for propagation: ${e.reason} (up to ${duration(e.windowMs)})`)
        announced.add(key)
        return
      }
      clearLive()
      out.write(`  ${paint('cyan', '…')} ${e.stepId}: waiting for propagation (attempt ${e.attempt}, ${(e.elapsedMs / 1000).toFixed(1)} s)`)
      live = true
    },
    onStepEnd: (e) => stepLine(e.runId, e.result),
    onTeardownItem: (e) => {
      if (opts.verbose || e.item.status === 'failed' || e.item.status === 'skipped') itemLine(e.runId, e.item)
    },
    onTeardownEnd: (e) => emit(e.runId, `  teardown: ${teardownLine(e.result)}${paint('dim', `  ${duration(e.result.durationMs)}`)}`),
    onRunEnd: (e) => {
      const r = e.result
      if (r.teardown.status === 'skipped') emit(e.runId, `  teardown: ${teardownLine(r.teardown)}`)
      if (r.error) emit(e.runId, `  ${paint('red', 'error')}: ${r.error}`)
      const hint = cleanupHint(r)
      if (hint) emit(e.runId, `  ${paint('yellow', hint)}`)
      emit(e.runId, `  ${verdict(r, paint)}${paint('dim', `  ${duration(r.durationMs)}`)}\n`)
      const buffer = buffers.get(e.runId)
      if (buffer) {
        buffers.delete(e.runId)
        clearLive()
        out.write(`${buffer.join('\n')}\n`)
      }
    },
    onNotice: (e) => emit(e.runId, e.level === 'warn' ? paint('yellow', e.message) : e.message),
    onSuiteEnd: (e) => {
      const s = e.summary
      if (s.runs + s.skipped <= 1) return
      const parts = [paint('green', `${s.passed} passed`), s.failed ? paint('red', `${s.failed} failed`) : '', s.errored ? paint('red', `${s.errored} errored`) : '', s.interrupted ? paint('yellow', `${s.interrupted} interrupted`) : '', s.skipped ? paint('yellow', `${s.skipped} not run`) : '']
      emit(undefined, `${paint('bold', 'Scenarios:')} ${parts.filter(Boolean).join(', ')} (${s.runs + s.skipped} total)  ${paint('dim', duration(s.durationMs))}`)
    },
  }
}

function verdict(r: RunResult, paint: (s: Style, t: string) => string): string {
  const counts = (status: string) => r.steps.filter((s) => s.status === status).length
  const steps = `${counts('passed')}/${r.steps.length} steps passed${counts('failed') ? `, ${counts('failed')} failed` : ''}${counts('errored') ? `, ${counts('errored')} errored` : ''}${counts('skipped') ? `, ${counts('skipped')} skipped` : ''}`
  switch (r.status) {
    case 'passed':
      return `${paint('green', 'PASSED')} ${steps}`
    case 'failed':
      return `${paint('red', 'FAILED')} ${steps}`
    case 'errored':
      return `${paint('red', 'ERRORED')} ${steps}`
    case 'interrupted':
      return `${paint('yellow', 'INTERRUPTED')} ${steps}`
    default: {
      const unreachable: never = r.status
      return unreachable
    }
  }
}
