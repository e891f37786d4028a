import { dirname, relative } from 'node:path'
import { stringify } from 'yaml'
import type { Expectation, OutputCheck } from '../../scenario/types.js'
import type { Plan, PlannedAssume, PlannedStep, UniqueNames } from './plan-types.js'

/** Options of `formatPlan`. */
export interface FormatOptions {
  /** ANSI colours (the CLI enables them on a TTY unless NO_COLOR is set). Default false. */
  color?: boolean
}

const INLINE_WIDTH = 76
const LABEL = 9

/** The plan as console text: numbered steps, then the teardown a full run would replay. */
export function formatPlan(plan: Plan, opts: FormatOptions = {}): string {
  const c = palette(opts.color === true)
  const { scenario } = plan
  const out: string[] = [`${c.bold(`Plan: ${scenario.name}`)}  ${c.dim(`(${scenario.file})`)}`]
  if (scenario.description) out.push(...wrap(scenario.description.trim(), 100))
  if (scenario.account) out.push(`${c.dim('account'.padEnd(LABEL))}${scenario.account}`)
  if (scenario.snapshot) out.push(`${c.dim('snapshot'.padEnd(LABEL))}${relative(dirname(scenario.file), scenario.snapshot)}  ${c.yellow('(EMULATOR ONLY: the run starts from this account snapshot)')}`)
  if (scenario.accounts.length > 0) {
    const named = scenario.accounts.map((a) => `${a.name}${a.id ? ` (${a.id})` : ''}${a.profile ? ` profile ${a.profile}` : ''}`)
    out.push(`${c.dim('accounts'.padEnd(LABEL))}default, ${named.join(', ')}`)
  }
  const varNames = Object.keys(plan.vars)
  if (varNames.length > 0) {
    out.push('', c.bold('vars'))
    const width = Math.max(...varNames.map((n) => n.length)) + 2
    for (const name of varNames) out.push(`  ${name.padEnd(width)}${inline(plan.vars[name])}`)
  }
  if (plan.env.length > 0) out.push('', c.bold('env') + c.dim(' (environment variables it reads; values are never shown)'), ...envLines(plan, c))
  if (plan.uniqueNames) out.push('', ...nameLines(plan.uniqueNames, c))
  out.push('', c.bold(`steps (${plan.steps.length})`))
  const numberWidth = String(plan.steps.length).length
  plan.steps.forEach((planned, i) => {
    out.push(...formatStep(planned, i + 1, numberWidth, c, scenario.accounts.length > 0))
    if (i < plan.steps.length - 1) out.push('')
  })
  out.push('', c.bold('teardown') + c.dim(' (a full run replays these undos, last created first)'))
  if (plan.teardown.length === 0) out.push('  nothing to undo')
  const idWidth = Math.max(0, ...plan.teardown.map((t) => t.stepId.length)) + 2
  const named = plan.scenario.accounts.length > 0
  plan.teardown.forEach((t, i) => out.push(`  ${String(i + 1).padStart(String(plan.teardown.length).length)}  ${t.stepId.padEnd(idWidth)}${c.cyan(t.actions.join(', '))}${named ? c.dim(` (operator of ${t.account})`) : ''}`))
  const kept = plan.steps.filter((s) => s.kept)
  if (kept.length > 0) out.push(`  ${c.yellow('kept')} (teardown: false): ${kept.map((s) => s.step.id).join(', ')}`)
  return `${out.join('\n')}\n`
}

/** Run-scoped names: `demo-user → demo-user-k3f9a2  (user, step create-user)`, and the created names left as they are. */
function nameLines(unique: UniqueNames, c: Palette): string[] {
  const sample = unique.runId !== undefined ? `; this plan's run id ${unique.runId}, each run draws its own` : ''
  const out = [c.bold('names') + c.dim(` (run-scoped: suffix ${unique.suffix}${sample})`)]
  if (unique.names.length === 0 && unique.unrenamed.length === 0) out.push('  the scenario creates no named resource')
  const width = Math.max(0, ...unique.names.map((n) => n.name.length)) + 1
  for (const n of unique.names) out.push(`  ${n.name.padEnd(width)}→ ${c.green(n.renamed)}  ${c.dim(`(${n.kind}, step ${n.stepId})`)}`)
  for (const u of unique.unrenamed) {
    out.push(`  ${u.shown}  ${c.dim(`(${u.kind}, step ${u.stepId}): ${u.why === 'run-scoped' ? 'already run-scoped, kept' : 'known only at run time, not renamed'}`)}`)
  }
  return out
}

/** One line per declared variable: set or not (and what a run does then), and its description. */
function envLines(plan: Plan, c: Palette): string[] {
  const width = Math.max(...plan.env.map((e) => e.name.length)) + 2
  const states = plan.env.map((e) => (e.set ? 'set' : e.default !== undefined ? `not set: default ${inline(e.default)}` : 'NOT SET: a run refuses to start'))
  const stateWidth = Math.max(...states.map((t) => t.length)) + 2
  return plan.env.map((e, i) => {
    const state = e.set ? c.green(states[i]) : e.default !== undefined ? states[i] : c.red(states[i])
    const pad = ' '.repeat(stateWidth - states[i].length)
    return `  ${e.name.padEnd(width)}${e.description ? `${state}${pad}${c.dim(e.description)}` : state}`
  })
}

type Palette = Record<'bold' | 'dim' | 'cyan' | 'red' | 'green' | 'yellow', (s: string) => string>

function formatStep(p: PlannedStep, n: number, width: number, c: Palette, accounts: boolean): string[] {
  const pad = ' '.repeat(width + 4)
  const line = (label: string, text: string) => (text ? `${pad}${c.dim(label.padEnd(LABEL))}${text}` : `${pad}${c.dim(label)}`)
  // A value on the label's line when it fits, else as an indented YAML block under `head`.
  const block = (label: string, value: unknown, head = ''): string[] => {
    const one = head ? `${head} ${inline(value)}` : inline(value)
    if (one.replace(/\u001b\[[0-9;]*m/g, '').length <= INLINE_WIDTH) return [line(label, one)]
    const yaml = stringify(value, { lineWidth: 0 }).trimEnd().split('\n')
    return [line(label, head), ...yaml.map((l) => `${pad}  ${l}`)]
  }
  const title = p.step.name ? `  ${p.step.name}` : ''
  const out = [`  ${String(n).padStart(width)}  ${c.bold(p.step.id)}${title}`]
  const unchecked = p.unchecked ? c.yellow('  (unchecked: input sent as written)') : ''
  for (const a of p.assumes ?? []) out.push(...block(a.impersonate ? 'acts as' : 'assumes', assumeText(a)))
  const where = accounts ? ` in ${p.account}` : ''
  out.push(`${pad}${c.cyan(p.action.name)}  as ${p.as}${where}${unchecked}`)
  if (Object.keys(p.previewInput as object).length > 0) out.push(...block('input', p.previewInput))
  const expectation = p.expectPreview ?? p.step.expect
  const [outcome, ...checks] = expectParts(expectation)
  out.push(line('expect', expectation.error ? c.red(outcome) : c.green(outcome)))
  for (const check of checks) out.push(`${pad}${' '.repeat(LABEL)}${check}`)
  for (const [name, path] of Object.entries(p.step.capture)) out.push(line('capture', `${name} <- ${path}`))
  if (p.step.identity) out.push(line('identity', `${p.step.identity} (the credentials in the output)`))
  if (p.step.retry?.window !== undefined) out.push(line('retry', `for up to ${p.step.retry.window} s while IAM changes propagate`))
  if (p.kept) out.push(line('undo', c.yellow('none: teardown: false keeps what this step creates')))
  else if (p.undoPreview) for (const u of p.undoPreview) out.push(...block('undo', u.input, c.cyan(u.action)))
  else if (p.undoActions.length > 0) out.push(line('undo', `${p.undoActions.join(', ')} (inputs known at run time)`))
  return out
}

function assumeText(a: PlannedAssume): Record<string, unknown> {
  if (a.impersonate) {
    const text: Record<string, unknown> = { identity: a.identity, impersonates: a.roleArn, 'EMULATOR ONLY': 'the emulator makes the session itself: no credentials, no trust policy asked; --target aws refuses it' }
    if (a.duration !== undefined) text.DurationSeconds = a.duration
    if (a.sessionName !== undefined) text.SessionName = a.sessionName
    return text
  }
  const text: Record<string, unknown> = { identity: a.identity, from: a.from, RoleArn: a.roleArn }
  if (a.duration !== undefined) text.DurationSeconds = a.duration
  if (a.sessionName !== undefined) text.RoleSessionName = a.sessionName
  if (a.externalId !== undefined) text.ExternalId = a.externalId
  return text
}

/** "success", "error AccessDenied (because implicitDeny)", "success; Owner.ID exists". */
export function expectText(e: Expectation): string {
  return expectParts(e).join('; ')
}

/** The outcome, then one entry per output check. */
function expectParts(e: Expectation): string[] {
  const parts: string[] = []
  if (e.error) {
    let text = `error ${e.error}`
    if (e.message) text += e.message.startsWith('/') ? `, message matches ${e.message}` : `, message contains ${JSON.stringify(e.message)}`
    if (e.because) text += ` (because ${e.because})`
    parts.push(text)
  } else parts.push('success')
  for (const [path, check] of Object.entries(e.output)) parts.push(checkText(path, check))
  return parts
}

function checkText(path: string, check: OutputCheck): string {
  if ('exists' in check) return check.exists ? `${path} exists` : `${path} does not exist`
  if ('matches' in check) return `${path} matches ${check.matches.startsWith('/') ? check.matches : `/${check.matches}/`}`
  if ('contains' in check) return `${path} contains ${inline(check.contains)}`
  return `${path} = ${inline(check.equals)}`
}

/** Greedy word wrap of one paragraph (explicit line breaks kept). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let current = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (current && current.length + 1 + word.length > width) {
        lines.push(current)
        current = word
      } else current = current ? `${current} ${word}` : word
    }
    lines.push(current)
  }
  return lines
}

/** One-line rendering: bare words where unambiguous, JSON quoting otherwise. */
export function inline(value: unknown): string {
  if (typeof value === 'string') {
    const bare = /^[A-Za-z0-9_./:@<>*=+$-][A-Za-z0-9_ ./:@<>*=+$-]*$/.test(value) && !/^(true|false|null|~|-?[0-9.]+(e[0-9]+)?)$/i.test(value) && !value.endsWith(' ')
    return bare ? value : JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`
  if (value instanceof Date) return value.toISOString()
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${/^[A-Za-z0-9_.$-]+$/.test(k) ? k : JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`
  }
  return String(value)
}

function palette(on: boolean): Palette {
  const wrap = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s)
  return { bold: wrap(1, 22), dim: wrap(2, 22), cyan: wrap(36, 39), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) }
}

/** A JSON-ready view of the plan (what `iamflow plan --json` prints). */
export function planToJson(plan: Plan): Record<string, unknown> {
  const { scenario } = plan
  const named = scenario.accounts.length > 0
  return {
    scenario: {
      name: scenario.name,
      file: scenario.file,
      description: scenario.description ?? null,
      account: scenario.account ?? null,
      ...(scenario.snapshot ? { snapshot: relative(dirname(scenario.file), scenario.snapshot) } : {}),
      ...(named ? { accounts: scenario.accounts.map((a) => ({ name: a.name, id: a.id ?? null, profile: a.profile ?? null })) } : {}),
    },
    vars: plan.vars,
    env: plan.env.map((e) => ({ name: e.name, description: e.description ?? null, default: e.default ?? null, set: e.set })),
    steps: plan.steps.map((p, i) => ({
      number: i + 1,
      id: p.step.id,
      name: p.step.name ?? null,
      line: p.step.loc.line,
      action: p.action.name,
      checked: !p.unchecked,
      as: p.as,
      ...(named ? { account: p.account } : {}),
      assumes: p.assumes ?? [],
      input: p.previewInput,
      expect: p.expectPreview ?? p.step.expect,
      capture: p.step.capture,
      identity: p.step.identity ?? null,
      retry: p.step.retry ?? null,
      kept: p.kept,
      undo: p.undoPreview ?? p.undoActions.map((action) => ({ action, input: null })),
    })),
    teardown: plan.teardown,
    ...(plan.uniqueNames ? { uniqueNames: plan.uniqueNames } : {}),
  }
}
