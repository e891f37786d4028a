import type { Observation, OutputObservation } from '../events.js'

/**
 * Placeholders for everything that differs between two runs of the same scenario (run ids,
 * account ids, generated ids, keys, timestamps, request ids), so that a record made on AWS
 * compares with a run on the emulator, and so that a record never holds an account id, an access
 * key id, a secret or a token. Pure: the same input and context give the same output.
 */

/** What one run knows about itself. */
export interface NormaliseContext {
  runId: string
  /** The account the operator acts in: `<account>`. Other 12-digit ids become `<account-2>`, ... in order of appearance. */
  account: string
  /** Run-scoped names the run used (`--unique-names`): each shows as the lab's own name, so runs with and without the option compare. */
  names?: ReadonlyArray<{ name: string; renamed: string }>
}

/** Values nested deeper than this, or lists longer than this, are cut (records stay small). */
const MAX_DEPTH = 16
const MAX_ITEMS = 200
const MAX_TEXT = 4096

// Order matters: long tokens and secrets before the shorter patterns that could match inside them.
const TOKEN = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g
const CANONICAL_ID = /\b[0-9a-f]{64}\b/g
const KEY_ID = /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\b/g
// IAM unique ids (users, roles, groups, policies, instance profiles, certificates, keys).
const UNIQUE_ID = /\b(AIDA|AROA|AGPA|ANPA|ANVA|AIPA|ASCA|APKA)[A-Z0-9]{12,}\b/g
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\b/g
const S3_REQUEST_ID = /\b[0-9A-F]{16}\b/g
const ACCOUNT_ID = /(?<![0-9])\d{12}(?![0-9])/g
// Epoch seconds (2017-2033) in messages: STS's "Token expired: current date/time 1796269874 ...".
const EPOCH_SECONDS = /(?<![0-9])1[5-9]\d{8}(?![0-9])/g
/** Members holding an S3 version id (random per write; `null` is the unversioned object's, kept). */
const VERSION_MEMBER = /VersionId(?:Marker)?$/
const versionId = (member: string, v: unknown): v is string => typeof v === 'string' && v !== 'null' && VERSION_MEMBER.test(member)

/** A normaliser for one run: other accounts are numbered as they are first seen. */
export class Normaliser {
  private readonly accounts = new Map<string, string>()
  /** Longest run-scoped name first, so that no name is cut inside a longer one. */
  private readonly renamed: ReadonlyArray<{ name: string; renamed: string }>

  constructor(private readonly ctx: NormaliseContext) {
    this.accounts.set(ctx.account, '<account>')
    this.renamed = [...(ctx.names ?? [])].sort((a, b) => b.renamed.length - a.renamed.length)
  }

  /** `text` with every run-, account- or call-specific part replaced by a placeholder. */
  text(input: string): string {
    let out = input.length > MAX_TEXT ? `${input.slice(0, MAX_TEXT)}…` : input
    if (this.ctx.runId) out = out.split(this.ctx.runId).join('<run-id>')
    for (const n of this.renamed) out = out.split(n.renamed).join(n.name)
    out = out
      .replace(TOKEN, '<token>')
      .replace(KEY_ID, (_m, prefix: string) => `${prefix}<key-id>`)
      .replace(UNIQUE_ID, (_m, prefix: string) => `${prefix}<id>`)
      .replace(SECRET_KEY, '<secret>')
      .replace(UUID, '<uuid>')
      .replace(CANONICAL_ID, '<canonical-id>')
      .replace(TIMESTAMP, '<timestamp>')
      .replace(S3_REQUEST_ID, '<request-id>')
      .replace(EPOCH_SECONDS, '<epoch>')
      .replace(ACCOUNT_ID, (id) => this.account(id))
    return out
  }

  /** A deep copy of `value` with every string normalised (numbers of 12 digits are accounts too). */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value)
    if (typeof value === 'number') return Number.isInteger(value) && String(value).length === 12 ? this.account(String(value)) : value
    if (value === null || typeof value !== 'object') return value
    if (depth >= MAX_DEPTH) return '<cut>'
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_ITEMS).map((v) => this.value(v, depth + 1))
      return value.length > MAX_ITEMS ? [...items, `<${value.length - MAX_ITEMS} more>`] : items
    }
    const out = Object.create(null) as Record<string, unknown>
    const entries = (value instanceof Map ? [...value.entries()] : Object.entries(value)).slice(0, MAX_ITEMS)
    for (const [k, v] of entries) out[this.text(String(k))] = versionId(String(k), v) ? '<version-id>' : this.value(v, depth + 1)
    return out
  }

  /** The observation with its message and checked values normalised. */
  observation(o: Observation): Observation {
    return {
      outcome: o.outcome,
      ...(o.code !== undefined ? { code: o.code } : {}),
      ...(o.status !== undefined ? { status: o.status } : {}),
      ...(o.because && o.because.length > 0 ? { because: [...o.because].sort() } : {}),
      ...(o.message !== undefined ? { message: this.text(o.message) } : {}),
      ...(o.output && o.output.length > 0 ? { output: o.output.map((e) => this.output(e)) } : {}),
    }
  }

  private output(e: OutputObservation): OutputObservation {
    if (e.exists !== undefined) return { path: e.path, exists: e.exists }
    if (!('value' in e)) return { path: e.path }
    return { path: e.path, value: versionId(e.path, e.value) ? '<version-id>' : this.value(e.value) }
  }

  private account(id: string): string {
    let name = this.accounts.get(id)
    if (name === undefined) {
      name = `<account-${this.accounts.size + 1}>`
      this.accounts.set(id, name)
    }
    return name
  }
}

const LEAKS: Array<[string, RegExp]> = [
  ['an account id', /(?<![0-9])\d{12}(?![0-9])/],
  ['an access key id', /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
  ['a secret access key', /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/],
  ['a session token', /[A-Za-z0-9/+]{100,}/],
]

/** What a text that is about to be written as a record still leaks (undefined: nothing). */
export function leakIn(text: string): string | undefined {
  for (const [what, re] of LEAKS) if (re.test(text)) return what
  return undefined
}
