/**
 * Parses and validates a policy document as IAM (or S3 for bucket policies) does, in IAM's order:
 * syntax, principal rules for the kind, version (managed policies), legacy parsing, Sid rules,
 * actions, resources, resource formats, action prefixes, trust-policy actions, principals.
 * The result is a normalised document (every list a list) for the compiler.
 */
import type { PolicyDocument, PolicyKind, PolicyValidationError } from './types.js'
import { problem, type ProblemId } from './messages.js'
import { parseOperator } from './conditions/operators.js'
import { legacyDateOk } from './legacy-date.js'
import { checkPrincipalBlock, type PrincipalBlock } from './principal-validate.js'
import { checkAction, checkResource, maskVariables } from './element-validate.js'
import { dict, hasOwnKey, ownGet } from '../safe-object.js'

/** A statement with every element normalised to lists of strings. */
export interface NormalizedStatement {
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
  principal?: PrincipalBlock
  notPrincipal?: PrincipalBlock
  action?: string[]
  notAction?: string[]
  resource?: string[]
  notResource?: string[]
  condition?: Record<string, Record<string, string[]>>
}

export interface NormalizedPolicy {
  version: '2012-10-17' | '2008-10-17'
  id?: string
  statements: NormalizedStatement[]
}

/** Options that depend on where the document is used. */
export interface CompileOptions {
  /**
   * Managed policies (CreatePolicy, CreatePolicyVersion, and so boundaries) must say
   * Version 2012-10-17; inline, trust, session and bucket policies may use 2008-10-17.
   */
  managed?: boolean
}

export type ValidationResult = { ok: true; policy: NormalizedPolicy } | { ok: false; error: PolicyValidationError }

const TOP = new Set(['Version', 'Id', 'Statement'])
const ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'])

class Invalid extends Error {
  constructor(
    readonly id: ProblemId,
    readonly arg = '',
  ) {
    super(id)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
  throw new Invalid('syntax')
}

function conditionValues(v: unknown): string[] {
  const one = (x: unknown): string => {
    if (typeof x === 'string') return x
    if (typeof x === 'number' || typeof x === 'boolean') return String(x)
    throw new Invalid('syntax')
  }
  return Array.isArray(v) ? v.map(one) : [one(v)]
}

function parseCondition(v: unknown): Record<string, Record<string, string[]>> {
  if (!isObject(v)) throw new Invalid('syntax')
  // Operator and key names come from the document: prototype-free records keep every one.
  const out = dict<Record<string, string[]>>()
  for (const [op, body] of Object.entries(v)) {
    if (!isObject(body)) throw new Invalid('syntax')
    const entries = Object.entries(body)
    if (!parseOperator(op)) {
      // IAM tolerates an unknown operator only when it constrains nothing.
      if (entries.length > 0) throw new Invalid('syntax')
      continue
    }
    const keys = dict<string[]>()
    for (const [key, vals] of entries) keys[key] = conditionValues(vals)
    out[op] = keys
  }
  return out
}

function parseStatement(raw: unknown, index: number): NormalizedStatement {
  if (!isObject(raw)) throw new Invalid('syntax')
  for (const k of Object.keys(raw)) if (!ELEMENTS.has(k)) throw new Invalid('syntax')
  if (hasOwnKey(raw, 'Action') && hasOwnKey(raw, 'NotAction')) throw new Invalid('syntax')
  if (hasOwnKey(raw, 'Resource') && hasOwnKey(raw, 'NotResource')) throw new Invalid('syntax')
  if (hasOwnKey(raw, 'Principal') && hasOwnKey(raw, 'NotPrincipal')) throw new Invalid('syntax')
  // Own members only: the document's keys were checked above, nothing may come from a prototype.
  const el = (k: string) => ownGet(raw, k)
  const effect = el('Effect')
  if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase())) throw new Invalid('syntax')
  const sid = el('Sid')
  if (sid !== undefined && typeof sid !== 'string') throw new Invalid('syntax')
  const st: NormalizedStatement = { index, effect: effect as 'Allow' | 'Deny' }
  if (sid !== undefined) st.sid = sid as string
  const lists = { action: 'Action', notAction: 'NotAction', resource: 'Resource', notResource: 'NotResource' } as const
  for (const [field, name] of Object.entries(lists)) {
    const v = el(name)
    if (v !== undefined) st[field as keyof typeof lists] = stringList(v)
  }
  const principal = el('Principal')
  const notPrincipal = el('NotPrincipal')
  const condition = el('Condition')
  if (principal !== undefined) st.principal = principalShape(principal)
  if (notPrincipal !== undefined) st.notPrincipal = principalShape(notPrincipal)
  if (condition !== undefined) st.condition = parseCondition(condition)
  return st
}

function principalShape(v: unknown): PrincipalBlock {
  if (v === '*') return '*'
  if (!isObject(v)) throw new Invalid('syntax')
  const out = dict<string[]>()
  for (const [k, vals] of Object.entries(v)) out[k] = stringList(vals)
  return out
}

/** The format error of one Resource value, if any (see element-validate.ts). */
function resourceProblem(r: string): Invalid | undefined {
  try {
    checkResource(r, (id, arg) => new Invalid(id, arg))
    return undefined
  } catch (e) {
    if (e instanceof Invalid) return e
    throw e
  }
}

function parseDocument(doc: string | PolicyDocument): { raw: Record<string, unknown> } {
  let raw: unknown = doc
  if (typeof doc === 'string') {
    try {
      raw = JSON.parse(doc)
    } catch {
      throw new Invalid('json')
    }
  }
  if (!isObject(raw)) throw new Invalid('json')
  return { raw }
}

function validateInner(doc: string | PolicyDocument, kind: PolicyKind, opts: CompileOptions): NormalizedPolicy {
  const { raw } = parseDocument(doc)
  for (const k of Object.keys(raw)) if (!TOP.has(k)) throw new Invalid('syntax')
  const version = ownGet(raw, 'Version')
  const id = ownGet(raw, 'Id')
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw new Invalid('syntax')
  if (id !== undefined && typeof id !== 'string') throw new Invalid('syntax')
  const stRaw = ownGet(raw, 'Statement')
  if (stRaw === undefined) throw new Invalid('syntax')
  const list = Array.isArray(stRaw) ? stRaw : [stRaw]
  if (list.length === 0) throw new Invalid('syntax')
  const statements = list.map(parseStatement)
  const iamKind = kind !== 'resource'
  const needsPrincipal = kind === 'resource' || kind === 'trust'

  for (const st of statements) {
    const hasPrincipal = st.principal !== undefined || st.notPrincipal !== undefined
    if (!needsPrincipal && hasPrincipal) throw new Invalid('principalForbidden')
    if (needsPrincipal && !hasPrincipal) throw new Invalid('principalMissing')
    // IAM UG "NotPrincipal": never in a role trust policy; elsewhere only with Deny.
    if (kind === 'trust' && st.notPrincipal !== undefined) throw new Invalid('notPrincipalTrust')
    if (st.notPrincipal !== undefined && st.effect.toLowerCase() === 'allow') throw new Invalid('notPrincipalAllow')
  }
  if (opts.managed && version !== '2012-10-17') throw new Invalid('version')
  // Legacy parsing: exact-case Effect and parseable dates for every statement first, then
  // ARN-shaped resources, which IAM skips once a resource has a format error: that error is
  // reported later, after the action checks (recorded invalid-24, invalid-25, invalid-67).
  for (const st of statements) {
    if (st.effect !== 'Allow' && st.effect !== 'Deny') throw new Invalid('legacy')
    for (const [op, entries] of Object.entries(st.condition ?? {})) {
      if (parseOperator(op)?.spec.family !== 'Date') continue
      for (const vals of Object.values(entries)) for (const v of vals) if (!legacyDateOk(v)) throw new Invalid('legacy')
    }
  }
  let resourceError: Invalid | undefined
  for (const st of statements) {
    const resources = [...(st.resource ?? []), ...(st.notResource ?? [])]
    for (const r of resources) resourceError ??= resourceProblem(r)
    if (resourceError) continue
    for (const raw of resources) {
      if (raw === '*') continue
      const r = maskVariables(raw)
      const colons = r.split(':').length - 1
      if ((colons < 5 && r.includes('::')) || (colons >= 2 && r.split(':')[2] === '')) throw new Invalid('legacy')
    }
  }
  if (iamKind) {
    const seen = new Set<string>()
    for (const st of statements) {
      if (!st.sid) continue
      if (seen.has(st.sid)) throw new Invalid('sidUnique')
      seen.add(st.sid)
    }
  }
  for (const st of statements) {
    const actions = st.action ?? st.notAction
    if (!actions || actions.length === 0) throw new Invalid('noActions')
  }
  for (const st of statements) {
    const resources = st.resource ?? st.notResource
    if (kind === 'trust') {
      if (resources) throw new Invalid('resourceForbidden')
    } else if (!resources || resources.length === 0) throw new Invalid('noResources')
  }
  if (resourceError) throw resourceError
  for (const st of statements) for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) checkAction(a, (id, arg) => new Invalid(id, arg))
  if (kind === 'trust') {
    for (const st of statements) for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) if (!trustActionOk(a)) throw new Invalid('trustAction')
  }
  if (iamKind) for (const st of statements) if (st.sid !== undefined && !/^[0-9A-Za-z]*$/.test(st.sid)) throw new Invalid('sidFormat')
  for (const st of statements) {
    for (const block of [st.principal, st.notPrincipal]) {
      if (block === undefined) continue
      const bad = checkPrincipalBlock(block)
      if (bad !== undefined) throw new Invalid(bad === 'syntax' ? 'syntax' : 'principalInvalid', bad === 'syntax' ? '' : bad)
    }
    // Condition keys need no `vendor:` prefix: IAM accepts `{"StringEqualsIfExists":{"a":"asf"}}`
    // (recorded valid-32..35, valid-37); only actions do.
  }
  return { version: version === '2012-10-17' ? '2012-10-17' : '2008-10-17', id: id as string | undefined, statements }
}

/** Validates a document for a policy kind; returns AWS's error on failure. */
export function validatePolicy(doc: string | PolicyDocument, kind: PolicyKind, opts: CompileOptions = {}): ValidationResult {
  try {
    return { ok: true, policy: validateInner(doc, kind, opts) }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: problem(kind, e.id, e.arg) }
    throw e
  }
}

/**
 * The STS actions a role trust policy may name (IAM User Guide: role trust policies, session
 * tags, source identity, context); AWS refuses others, unknown `sts:` actions included
 * (recorded: `sts:InvalidAction` -> "AssumeRole policy may only specify STS AssumeRole actions.").
 */
const TRUST_ACTIONS = ['assumerole', 'assumerolewithsaml', 'assumerolewithwebidentity', 'tagsession', 'setsourceidentity', 'setcontext']

/** `*`, or `sts:` with a name (wildcards allowed) matching at least one of TRUST_ACTIONS. */
function trustActionOk(action: string): boolean {
  if (action === '*') return true
  const lower = action.toLowerCase()
  if (!lower.startsWith('sts:')) return false
  const name = lower.slice(4)
  if (name.length > 128) return false
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
  return TRUST_ACTIONS.some((t) => re.test(t))
}
