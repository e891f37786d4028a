import { Document, parseDocument } from 'yaml'
import { InputError } from '../../errors.js'
import type { Observation, OutputObservation } from '../events.js'

/**
 * The outcome record of one scenario: a YAML file (`<scenario file name>.record.yaml`) meant to
 * be committed next to the scenario. YAML rather than JSON because people read it in reviews and
 * write in it: a `known:` line marks a step whose difference is accepted, with its reason, and
 * comments survive in review tools; the file is written in one fixed order (steps as the
 * scenario runs them, fields in a fixed order, output paths sorted) with no timestamp, so
 * recording the same behaviour twice gives the same bytes.
 */
export interface OutcomeRecord {
  version: 1
  scenario: string
  /** Where it was recorded: `embedded`, `endpoint` or `aws` (nothing more: no URL, no account). */
  target: string
  steps: RecordedStep[]
}

/** One step's recorded observation (already normalised). */
export interface RecordedStep extends Observation {
  id: string
  action: string
  /** A known, accepted difference: compared, reported with this reason, never failing. */
  known?: string
}

/** Largest record file read (records are small: a few KiB). */
export const MAX_RECORD_BYTES = 1024 * 1024

const HEADER = [
  ' iamflow outcome record: what each step of this scenario observed (iamflow run --record).',
  ' `iamflow run --compare DIR` fails on any step that observes something else. Account ids, run ids,',
  ' generated ids, keys and timestamps are placeholders; no secret is ever written here.',
  ' Add `known: <reason>` to a step to accept a difference (reported, not failing).',
].join('\n')

/** The record as YAML text (stable: same record, same bytes). */
export function renderRecord(record: OutcomeRecord): string {
  const steps = record.steps.map((s) => {
    const out = new Map<string, unknown>([['id', s.id], ['action', s.action], ['outcome', s.outcome]])
    if (s.code !== undefined) out.set('code', s.code)
    if (s.status !== undefined) out.set('status', s.status)
    if (s.because && s.because.length > 0) out.set('because', s.because)
    if (s.message !== undefined) out.set('message', s.message)
    if (s.output && s.output.length > 0) out.set('output', new Map(s.output.map((o) => [o.path, o.exists !== undefined ? { exists: o.exists } : 'value' in o ? { value: o.value } : { missing: true }])))
    if (s.known !== undefined) out.set('known', s.known)
    return out
  })
  const doc = new Document(new Map<string, unknown>([['version', record.version], ['scenario', record.scenario], ['target', record.target], ['steps', steps]]))
  doc.commentBefore = HEADER
  return doc.toString({ lineWidth: 0 })
}

/** Parse a record file's text; `InputError('bad-record')` naming the file and what is wrong. */
export function parseRecord(text: string, file: string): OutcomeRecord {
  const bad = (what: string) => new InputError('bad-record', `${file}: ${what}`, { hint: 'record it again with iamflow run --record DIR, or fix the file by hand' })
  if (Buffer.byteLength(text) > MAX_RECORD_BYTES) throw bad(`larger than ${MAX_RECORD_BYTES} bytes`)
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) throw bad(`not valid YAML: ${doc.errors[0].message}`)
  let js: unknown
  try {
    // Maps, never objects: keys come from the file. No aliases: a record has no use for them.
    js = doc.toJS({ mapAsMap: true, maxAliasCount: 0 })
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err))
  }
  if (!(js instanceof Map)) throw bad('not a mapping')
  const top = js as Map<string, unknown>
  for (const k of top.keys()) if (!['version', 'scenario', 'target', 'steps'].includes(String(k))) throw bad(`unknown key ${String(k)}`)
  if (top.get('version') !== 1) throw bad('version must be 1')
  const scenario = top.get('scenario')
  const target = top.get('target')
  const steps = top.get('steps')
  if (typeof scenario !== 'string' || typeof target !== 'string') throw bad('scenario and target must be text')
  if (!Array.isArray(steps)) throw bad('steps must be a list')
  const seen = new Set<string>()
  const parsed = steps.map((s, i) => {
    const step = parseStep(s, (what) => bad(`steps[${i}]: ${what}`))
    if (seen.has(step.id)) throw bad(`steps[${i}]: step ${step.id} appears twice`)
    seen.add(step.id)
    return step
  })
  return { version: 1, scenario, target, steps: parsed }
}

const STEP_KEYS = new Set(['id', 'action', 'outcome', 'code', 'status', 'because', 'message', 'output', 'known'])

function parseStep(raw: unknown, bad: (what: string) => Error): RecordedStep {
  if (!(raw instanceof Map)) throw bad('not a mapping')
  const m = raw as Map<string, unknown>
  for (const k of m.keys()) if (!STEP_KEYS.has(String(k))) throw bad(`unknown key ${String(k)}`)
  const id = m.get('id')
  const action = m.get('action')
  const outcome = m.get('outcome')
  if (typeof id !== 'string' || typeof action !== 'string') throw bad('id and action must be text')
  if (outcome !== 'success' && outcome !== 'error' && outcome !== 'none') throw bad('outcome must be success, error or none')
  const step: RecordedStep = { id, action, outcome }
  const code = m.get('code')
  const status = m.get('status')
  const because = m.get('because')
  const message = m.get('message')
  const known = m.get('known')
  if (code !== undefined) step.code = text(code, 'code', bad)
  if (status !== undefined) {
    if (typeof status !== 'number' || !Number.isInteger(status)) throw bad('status must be a whole number')
    step.status = status
  }
  if (because !== undefined) {
    if (!Array.isArray(because) || !because.every((b) => typeof b === 'string')) throw bad('because must be a list of words')
    step.because = [...(because as string[])].sort()
  }
  if (message !== undefined) step.message = text(message, 'message', bad)
  if (known !== undefined) step.known = text(known, 'known', bad)
  const output = m.get('output')
  if (output !== undefined) step.output = parseOutput(output, bad)
  return step
}

function parseOutput(raw: unknown, bad: (what: string) => Error): OutputObservation[] {
  if (!(raw instanceof Map)) throw bad('output must be a mapping of path: { value | exists | missing }')
  const out: OutputObservation[] = []
  for (const [path, entry] of raw as Map<unknown, unknown>) {
    if (typeof path !== 'string' || !(entry instanceof Map) || entry.size !== 1) throw bad(`output ${String(path)}: give one of value, exists, missing`)
    const e = entry as Map<string, unknown>
    if (e.has('value')) out.push({ path, value: fromYaml(e.get('value')) })
    else if (typeof e.get('exists') === 'boolean') out.push({ path, exists: e.get('exists') as boolean })
    else if (e.get('missing') === true) out.push({ path })
    else throw bad(`output ${path}: give one of value, exists, missing: true`)
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function text(v: unknown, what: string, bad: (what: string) => Error): string {
  if (typeof v !== 'string') throw bad(`${what} must be text`)
  return v
}

/** YAML maps (from the file) as prototype-free objects, for comparison with observed values. */
function fromYaml(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromYaml)
  if (v instanceof Map) {
    const out = Object.create(null) as Record<string, unknown>
    for (const [k, inner] of v) out[String(k)] = fromYaml(inner)
    return out
  }
  return v
}
