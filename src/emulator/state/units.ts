/**
 * The state as a set of independent units, the granularity of the journal and the snapshot:
 * an account's own fields, each user, role, group and customer managed policy, each access
 * key, session and bucket (its own fields), and each object (its metadata; the body is a
 * content-addressed file, see blobs.ts).
 *
 * A unit's record holds its whole value, so applying records is idempotent and order-only:
 * replaying a journal on top of a snapshot taken at any later moment gives the same state
 * (compaction relies on this to write snapshots while requests keep changing the state).
 */
import { entityMap, mfaDeviceMap, objectMap, policyMap, type AccountState, type BucketEntity, type EmulatorState, type ObjectEntity } from './model.js'
import type { SortedMap } from './sorted-map.js'
import { dictOf } from '../../safe-object.js'

export type UnitKind = 'account' | 'user' | 'role' | 'group' | 'policy' | 'mfaDevice' | 'accessKey' | 'session' | 'bucket' | 'object' | 'version'

/** Parents before children (puts), children before parents (deletes). */
export const UNIT_ORDER: Record<UnitKind, number> = { account: 0, user: 1, role: 1, group: 1, policy: 1, mfaDevice: 1, accessKey: 2, session: 2, bucket: 3, object: 4, version: 4 }

/** Where a unit lives: its kind, the account id (IAM entities) or bucket name (objects), its map key. */
export interface UnitAddress {
  kind: UnitKind
  parent?: string
  key: string
}

/** An object body as the records reference it. */
export interface BodyRef {
  sha256: string
  size: number
}

/** One record line's operation: `v` the unit's value (JSON), or `d` = deleted. */
export interface UnitOp {
  k: UnitKind
  /** Account id (user, role, group, policy) or bucket name (object). */
  a?: string
  /** The unit's key in its map. */
  n: string
  v?: Record<string, unknown>
  /** Object body (objects only). */
  b?: BodyRef
  d?: 1
}

const ACCOUNT_CHILDREN = { user: 'users', role: 'roles', group: 'groups', policy: 'policies', mfaDevice: 'mfaDevices' } as const
type AccountChild = keyof typeof ACCOUNT_CHILDREN

const isAccountChild = (kind: UnitKind): kind is AccountChild => kind in ACCOUNT_CHILDREN

/** A stable string for a unit (signature maps). */
export function unitId(kind: UnitKind, parent: string | undefined, key: string): string {
  return `${kind}\u0000${parent ?? ''}\u0000${key}`
}

/** The map a unit of `kind` under `parent` lives in, if its parent exists. */
export function mapOf(state: EmulatorState, kind: UnitKind, parent: string | undefined): Map<string, unknown> | undefined {
  switch (kind) {
    case 'account':
      return state.accounts
    case 'accessKey':
      return state.accessKeys
    case 'session':
      return state.sessions
    case 'bucket':
      return state.buckets
    case 'object':
      return parent === undefined ? undefined : state.buckets.get(parent)?.objects
    case 'version':
      return parent === undefined ? undefined : state.buckets.get(parent)?.versions
    default:
      return parent === undefined ? undefined : state.accounts.get(parent)?.[ACCOUNT_CHILDREN[kind]]
  }
}

/** The unit's current value, or undefined when it does not exist. */
export function unitValue(state: EmulatorState, addr: UnitAddress): unknown {
  return mapOf(state, addr.kind, addr.parent)?.get(addr.key)
}

/** The JSON of a unit's own fields: child maps (accounts, buckets) and object bodies left out. */
export function unitJson(kind: UnitKind, value: unknown): string {
  if (kind === 'account' || kind === 'bucket') {
    const own: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as object)) if (!(v instanceof Map)) own[k] = v
    return JSON.stringify(own)
  }
  if (kind === 'object' || kind === 'version') {
    const { body: _body, ...meta } = value as ObjectEntity
    return JSON.stringify(meta)
  }
  return JSON.stringify(value)
}

/** A record line's text for one operation (`valueJson` from unitJson). */
export function opJson(kind: UnitKind, parent: string | undefined, key: string, valueJson: string | undefined, body?: BodyRef): string {
  const head = `{"k":${JSON.stringify(kind)}${parent === undefined ? '' : `,"a":${JSON.stringify(parent)}`},"n":${JSON.stringify(key)}`
  if (valueJson === undefined) return `${head},"d":1}`
  return `${head},"v":${valueJson}${body ? `,"b":${JSON.stringify(body)}` : ''}}`
}

/** Every unit of a state, parents before their children (the snapshot's order). */
export function* allUnits(state: EmulatorState): Generator<UnitAddress & { value: unknown }> {
  for (const [id, account] of state.accounts) {
    yield { kind: 'account', key: id, value: account }
    for (const kind of Object.keys(ACCOUNT_CHILDREN) as AccountChild[]) {
      for (const [key, value] of account[ACCOUNT_CHILDREN[kind]]) yield { kind, parent: id, key, value }
    }
  }
  for (const [key, value] of state.accessKeys) yield { kind: 'accessKey', key, value }
  for (const [key, value] of state.sessions) yield { kind: 'session', key, value }
  for (const [name, bucket] of state.buckets) {
    yield { kind: 'bucket', key: name, value: bucket }
    for (const [key, value] of bucket.objects) yield { kind: 'object', parent: name, key, value }
    for (const [key, value] of bucket.versions) yield { kind: 'version', parent: name, key, value }
  }
}

/** Why a record cannot be applied (the caller adds the file and line). */
export class BadRecord extends Error {}

const KINDS = new Set<string>(Object.keys(UNIT_ORDER))
const str = (v: unknown): v is string => typeof v === 'string'
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Check a parsed record operation's shape (values are trusted as far as their key fields). */
export function checkOp(raw: unknown): UnitOp {
  if (!isRecord(raw)) throw new BadRecord('an operation is not a JSON object')
  const { k, a, n, v, b, d } = raw
  if (!str(k) || !KINDS.has(k)) throw new BadRecord(`unknown unit kind ${JSON.stringify(k)}`)
  if (!str(n)) throw new BadRecord(`${k}: "n" (the key) must be a string`)
  if (a !== undefined && !str(a)) throw new BadRecord(`${k} ${n}: "a" must be a string`)
  if ((isAccountChild(k as UnitKind) || k === 'object' || k === 'version') && a === undefined) throw new BadRecord(`${k} ${n}: "a" (its account or bucket) is missing`)
  if (d !== undefined) {
    if (d !== 1) throw new BadRecord(`${k} ${n}: "d" must be 1`)
    return raw as unknown as UnitOp
  }
  if (!isRecord(v)) throw new BadRecord(`${k} ${n}: "v" (the value) must be an object`)
  const need = (field: string) => {
    if (!str(v[field])) throw new BadRecord(`${k} ${n}: field "${field}" must be a string`)
  }
  switch (k as UnitKind) {
    case 'account':
      need('id')
      need('canonicalUserId')
      break
    case 'user':
    case 'role':
    case 'group':
    case 'policy':
      need('name')
      need('id')
      break
    case 'mfaDevice':
      need('serial')
      need('seed')
      break
    case 'accessKey':
      need('id')
      need('secret')
      need('accountId')
      break
    case 'session':
      need('accessKeyId')
      need('accountId')
      break
    case 'bucket':
      need('name')
      need('accountId')
      break
    case 'object':
    case 'version':
      need('key')
      need('etag')
      if (!isRecord(b) || !str(b.sha256) || !/^[0-9a-f]{64}$/.test(b.sha256) || typeof b.size !== 'number') {
        throw new BadRecord(`object ${n}: "b" (the body's sha256 and size) is missing or malformed`)
      }
      break
  }
  return raw as unknown as UnitOp
}

const EMPTY = new Uint8Array(0)

/**
 * Apply one operation to `state`. Objects get an empty body; their reference goes to
 * `bodies` (the loader reads the bodies of the objects that are left at the end). Returns
 * false when the unit's parent does not exist (the operation is skipped).
 */
export function applyOp(state: EmulatorState, op: UnitOp, bodies: Map<ObjectEntity, BodyRef>): boolean {
  const { k: kind, a: parent, n: key } = op
  if (op.d) {
    if (kind === 'account') state.accounts.delete(key)
    else mapOf(state, kind, parent)?.delete(key)
    return true
  }
  const v = op.v!
  switch (kind) {
    case 'account': {
      const existing = state.accounts.get(key)
      const account: AccountState = existing
        ? { ...(v as unknown as AccountState), users: existing.users, roles: existing.roles, groups: existing.groups, policies: existing.policies, mfaDevices: existing.mfaDevices }
        : { ...(v as unknown as AccountState), users: entityMap(), roles: entityMap(), groups: entityMap(), policies: policyMap(), mfaDevices: mfaDeviceMap() }
      state.accounts.set(key, account)
      return true
    }
    case 'bucket': {
      const existing = state.buckets.get(key)
      state.buckets.set(key, { ...(v as unknown as BucketEntity), objects: existing?.objects ?? objectMap(), versions: existing?.versions ?? objectMap() })
      return true
    }
    case 'object':
    case 'version': {
      const bucket = state.buckets.get(parent!)
      const objects = kind === 'object' ? bucket?.objects : bucket?.versions
      if (!objects) return false
      // User metadata names are the client's: back into a prototype-free record (see safe-object.ts).
      const metadata = dictOf((v as { metadata?: Record<string, string> }).metadata)
      const entity = { ...(v as unknown as ObjectEntity), metadata, body: EMPTY }
      bodies.set(entity, op.b!)
      objects.set(key, entity)
      return true
    }
    case 'accessKey':
    case 'session':
      ;(mapOf(state, kind, undefined) as Map<string, unknown>).set(key, v)
      return true
    default: {
      const map = mapOf(state, kind, parent) as SortedMap<unknown> | undefined
      if (!map) return false
      map.set(key, v)
      return true
    }
  }
}
