import type { ActionDefinition } from '../../actions/define-action.js'
import { BUCKET_PATH_MEMBER, iamArnKind, memberKind, type NameKind } from '../../actions/name-members.js'
import { setOwn } from '../../safe-object.js'
import type { Expectation, OutputCheck } from '../../scenario/types.js'

/** One created name and the run-scoped name a run uses instead. */
export interface RenamedName {
  kind: NameKind
  name: string
  renamed: string
}

/** Deepest nesting a rewrite walks (policy documents are far shallower; input is bounded by the loader). */
const MAX_DEPTH = 64

/** Members that hold a policy document, which may be JSON text. */
const POLICY_MEMBERS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Policy'])

/**
 * An ARN of IAM, STS or S3 in a longer text: partition, service, region, account, resource. The
 * resource ends at white space, a quote or `<`/`>` (a message, JSON text, a plan placeholder);
 * the account may be the plan's `<account.id>`.
 */
const ARN = /arn:(aws[a-z-]*):(iam|sts|s3):([a-z0-9-]*):(<[^:\s<>]*>|[^:\s"'<>]*):([^\s"'<>,]+)/g

/** AWS's "The user with name X cannot be found." / "Role with name X already exists." */
const WITH_NAME = /\b(user|role|group|instance profile) with name (\S+)/gi

/** Characters a sentence may put right after a name (`user/Jill.`), tried off when the whole token is no name. */
const TRAILING = /[.,;:)]+$/

/**
 * The run-scoped names of one run, and the rewrite of every value that reaches AWS or is
 * compared with its answers. A value is rewritten only where it stands for a name of a kind the
 * run creates: a name member (`UserName`, `RoleName`, `Bucket`, ...; `memberKind`), the name
 * position of an IAM, STS or S3 ARN (the last path segment of `user/`, `role/`, ..., the role of
 * `assumed-role/ROLE/SESSION`, the bucket of an S3 ARN), an `aws:username` condition value, an OIDC
 * provider's URL and condition-key prefix, and `with name X` in AWS's error messages. The name
 * must equal a created name of that kind exactly: a longer name, a wildcard (`demo-*`), a policy
 * variable, another kind's name or AWS's managed policies (account `aws`) are left alone.
 */
export class Renamer {
  private readonly byKind = new Map<NameKind, Map<string, string>>()

  constructor(readonly names: readonly RenamedName[]) {
    for (const n of names) {
      let m = this.byKind.get(n.kind)
      if (!m) this.byKind.set(n.kind, (m = new Map()))
      m.set(n.name, n.renamed)
    }
  }

  /** The run-scoped name for `name` of `kind`; `name` itself when the run does not create it. */
  name(kind: NameKind, name: string): string {
    if (kind === 'oidc-provider') return this.url(name) ?? this.byKind.get(kind)?.get(name) ?? name
    return this.byKind.get(kind)?.get(name) ?? name
  }

  /** A step's rendered input (or an undo's): name members, the created member of `action`, ARNs, policy documents. */
  input(value: unknown, action?: ActionDefinition): unknown {
    const created = action?.createsName
    if (created && memberKind(created.member) === undefined && isRecord(value)) {
      // iam.createPolicy's PolicyName: a managed policy's name only in that action.
      const out = this.walk(value, 0) as Record<string, unknown>
      const raw = value[created.member]
      if (Object.hasOwn(value, created.member) && typeof raw === 'string') setOwn(out, created.member, this.name(created.kind, raw))
      return out
    }
    return this.walk(value, 0)
  }

  /**
   * An expectation, rendered: output checks by their path's last member and ARNs, the error
   * message's names. In outputs, `PolicyName` names a managed policy unless the action reads an
   * inline one (its input has a `PolicyName` it does not create), and `Name` under `Buckets` a bucket.
   */
  expectation(expect: Expectation, action?: ActionDefinition): Expectation {
    const out: Expectation = { ...expect, output: {} }
    if (typeof expect.message === 'string' && !isRegex(expect.message)) out.message = this.message(expect.message)
    const props = action?.input.properties as Record<string, unknown> | undefined
    const inline = props !== undefined && Object.hasOwn(props, 'PolicyName') && action?.createsName?.member !== 'PolicyName'
    for (const [path, check] of Object.entries(expect.output)) {
      const extra = new Map<string, NameKind>(inline ? [] : [['PolicyName', 'policy']])
      if (/^Buckets\b/.test(path)) extra.set('Name', 'bucket')
      setOwn(out.output, path, this.check(lastMember(path), check, extra))
    }
    return out
  }

  /** Free text: ARNs in it, and an OIDC provider's URL when the whole text is one. */
  text(text: string): string {
    const url = this.url(text)
    if (url !== undefined) return url
    if (!text.includes('arn:')) return text
    return text.replace(ARN, (arn: string, partition: string, service: string, region: string, account: string, resource: string) => {
      if (account === 'aws') return arn // AWS managed policies are never the run's
      const renamed = this.resource(service, resource)
      return renamed === resource ? arn : `arn:${partition}:${service}:${region}:${account}:${renamed}`
    })
  }

  /** An expected error message: ARNs and AWS's `... with name X ...`. */
  message(text: string): string {
    return this.text(text).replace(WITH_NAME, (whole: string, what: string, token: string) => {
      const kind: NameKind = what.toLowerCase() === 'instance profile' ? 'instance-profile' : (what.toLowerCase() as NameKind)
      const renamed = this.token(kind, token)
      return renamed === token ? whole : `${what} with name ${renamed}`
    })
  }

  private check(member: string, check: OutputCheck | unknown, extra: ReadonlyMap<string, NameKind>): unknown {
    if (isRecord(check)) {
      const keys = Object.keys(check)
      if (keys.length === 1 && (keys[0] === 'equals' || keys[0] === 'contains')) {
        const out = {}
        setOwn(out, keys[0], this.walk(check[keys[0]], 0, member, extra))
        return out
      }
      if (keys.length === 1 && (keys[0] === 'exists' || keys[0] === 'matches')) return check
    }
    return this.walk(check, 0, member, extra)
  }

  /** `extra`: members that name a kind in this context only (output checks). */
  private walk(value: unknown, depth: number, member?: string, extra?: ReadonlyMap<string, NameKind>): unknown {
    if (depth > MAX_DEPTH) return value
    if (typeof value === 'string') return this.string(value, member, extra)
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1, member, extra))
    if (!isRecord(value)) return value
    const out = {}
    for (const [k, v] of Object.entries(value)) setOwn(out, k, k === 'Condition' && isRecord(v) ? this.condition(v, depth + 1) : this.walk(v, depth + 1, k, extra))
    return out
  }

  private string(value: string, member: string | undefined, extra?: ReadonlyMap<string, NameKind>): string {
    if (member !== undefined) {
      const kind = memberKind(member) ?? extra?.get(member)
      if (kind !== undefined) {
        const renamed = this.name(kind, value)
        if (renamed !== value) return renamed
      }
      if (member === BUCKET_PATH_MEMBER) return this.bucketPath(value)
      if (POLICY_MEMBERS.has(member) && value.trimStart().startsWith('{')) return this.jsonDocument(value)
    }
    return this.text(value)
  }

  /** A policy's `Condition`: `aws:username` values are user names; OIDC keys `HOST/PATH:claim` follow their provider. */
  private condition(block: Record<string, unknown>, depth: number): Record<string, unknown> {
    const out = {}
    for (const [operator, body] of Object.entries(block)) {
      if (!isRecord(body)) {
        setOwn(out, operator, this.walk(body, depth + 1))
        continue
      }
      const keys = {}
      for (const [key, values] of Object.entries(body)) {
        const user = key.toLowerCase() === 'aws:username'
        const renamed = user ? mapStrings(values, (v) => this.name('user', v), depth) : this.walk(values, depth + 1)
        setOwn(keys, this.conditionKey(key), renamed)
      }
      setOwn(out, operator, keys)
    }
    return out
  }

  private conditionKey(key: string): string {
    const colon = key.lastIndexOf(':')
    if (colon <= 0 || !key.slice(0, colon).includes('.')) return key
    const renamed = this.byKind.get('oidc-provider')?.get(key.slice(0, colon))
    return renamed === undefined ? key : `${renamed}${key.slice(colon)}`
  }

  /** `https://HOST/PATH` of a created OIDC provider (a trailing `/` allowed): its run-scoped URL. */
  private url(text: string): string | undefined {
    if (!/^https:\/\//i.test(text)) return undefined
    const path = text.replace(/^https:\/\//i, '').replace(/\/+$/, '')
    const renamed = this.byKind.get('oidc-provider')?.get(path)
    return renamed === undefined ? undefined : `https://${renamed}`
  }

  private resource(service: string, resource: string): string {
    if (service === 's3') {
      const slash = resource.indexOf('/')
      const bucket = slash < 0 ? resource : resource.slice(0, slash)
      return this.token('bucket', bucket) + (slash < 0 ? '' : resource.slice(slash))
    }
    if (service === 'sts') {
      const m = /^assumed-role\/([^/]+)(\/.*)?$/.exec(resource)
      return m ? `assumed-role/${this.name('role', m[1])}${m[2] ?? ''}` : resource
    }
    const slash = resource.indexOf('/')
    if (slash < 0) return resource
    const kind = iamArnKind(resource.slice(0, slash))
    if (kind === undefined) return resource
    if (kind === 'oidc-provider') {
      const rest = resource.slice(slash + 1)
      return `oidc-provider/${this.byKind.get(kind)?.get(rest) ?? rest}`
    }
    const last = resource.lastIndexOf('/')
    return resource.slice(0, last + 1) + this.token(kind, resource.slice(last + 1))
  }

  /** A name token that a sentence may end right after (`user/Jill.`). */
  private token(kind: NameKind, token: string): string {
    const whole = this.name(kind, token)
    if (whole !== token) return whole
    const trail = TRAILING.exec(token)?.[0]
    if (!trail) return token
    const bare = token.slice(0, -trail.length)
    const renamed = this.name(kind, bare)
    return renamed === bare ? token : renamed + trail
  }

  private bucketPath(value: string): string {
    const m = /^(\/?)([^/]+)(\/.*)?$/.exec(value)
    return m ? `${m[1]}${this.name('bucket', m[2])}${m[3] ?? ''}` : value
  }

  private jsonDocument(text: string): string {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch {
      return this.text(text)
    }
    const renamed = this.walk(doc, 0)
    return JSON.stringify(renamed) === JSON.stringify(doc) ? text : JSON.stringify(renamed)
  }
}

function mapStrings(value: unknown, f: (s: string) => string, depth: number): unknown {
  if (typeof value === 'string') return f(value)
  if (Array.isArray(value) && depth < MAX_DEPTH) return value.map((v) => mapStrings(v, f, depth + 1))
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date)
}

/** `/regex/flags` (a message matched as a regular expression, left as written). */
function isRegex(text: string): boolean {
  return /^\/.*\/[a-z]*$/s.test(text)
}

/** The last member of an output path: `User.UserName` -> `UserName`, `Buckets[0].Name` -> `Name`. */
function lastMember(path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && !/^\d+$/.test(p))
  return (parts[parts.length - 1] ?? '').replace(/\[[^\]]*\]$/, '')
}
