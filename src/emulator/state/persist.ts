import { dictOf } from '../../safe-object.js'
import { entityMap, objectMap, mfaDeviceMap, policyMap, type AccountState, type GroupEntity, type RoleEntity, type UserEntity, type BucketEntity, type EmulatorState, type ManagedPolicyEntity, type ObjectEntity } from './model.js'

/**
 * Version 1 of the state file: one JSON document (maps as arrays of entries, object bodies
 * base64). iamflow no longer writes it (one string cannot hold a large state: V8 strings stop
 * near 512 MB); it still reads it, and the first compaction rewrites it as a version-2 snapshot
 * (snapshot.ts). `stateToJson` remains for tests that round-trip small states.
 */
export const FORMAT = 'iamflow-emulator-state'
const VERSION = 1

type Json = Record<string, unknown>

function accountToJson(a: AccountState): Json {
  return { ...a, users: [...a.users.values()], roles: [...a.roles.values()], groups: [...a.groups.values()], policies: [...a.policies.values()] }
}

function bucketToJson(b: BucketEntity): Json {
  return {
    ...b,
    objects: [...b.objects.values()].map((o) => ({ ...o, body: Buffer.from(o.body).toString('base64') })),
    versions: [...b.versions.entries()].map(([slot, o]) => ({ ...o, slot, body: Buffer.from(o.body).toString('base64') })),
  }
}

/** Serialize a (small) state to version-1 JSON text. */
export function stateToJson(state: EmulatorState): string {
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    accounts: [...state.accounts.values()].map(accountToJson),
    accessKeys: [...state.accessKeys.values()],
    sessions: [...state.sessions.values()],
    buckets: [...state.buckets.values()].map(bucketToJson),
  })
}

const list = (raw: Json, name: string): Json[] => {
  const v = raw[name]
  if (!Array.isArray(v)) throw new Error(`"${name}" is not a list`)
  return v as Json[]
}

/** Build state from a parsed version-1 document. Throws a one-line reason when a part is missing. */
export function stateFromV1(raw: Json): EmulatorState {
  // The listing orders of the entity maps are derived here, not read from the file.
  const byName = <T extends { name: string }>(xs: T[]) => entityMap(xs.map((x) => [x.name.toLowerCase(), x] as const))
  const accounts = new Map<string, AccountState>()
  for (const a of list(raw, 'accounts')) {
    const account: AccountState = {
      id: a.id as string,
      canonicalUserId: a.canonicalUserId as string,
      users: byName(list(a, 'users') as unknown as UserEntity[]),
      roles: byName(list(a, 'roles') as unknown as RoleEntity[]),
      groups: byName(list(a, 'groups') as unknown as GroupEntity[]),
      policies: policyMap((list(a, 'policies') as unknown as ManagedPolicyEntity[]).map((p) => [p.arn, p] as const)),
      // Version-1 files predate MFA devices.
      mfaDevices: mfaDeviceMap(),
    }
    if (a.iam && typeof a.iam === 'object') account.iam = a.iam as AccountState['iam']
    accounts.set(account.id, account)
  }
  const buckets = new Map<string, BucketEntity>()
  for (const b of list(raw, 'buckets')) {
    const objects = objectMap(
      list(b, 'objects').map((o) => {
        // User metadata names are the client's: back into a prototype-free record (see safe-object.ts).
        const metadata = dictOf(o.metadata as Record<string, string> | undefined)
        return [o.key as string, { ...(o as unknown as ObjectEntity), metadata, body: new Uint8Array(Buffer.from(o.body as string, 'base64')) }] as const
      }),
    )
    // Files written before versioning existed have no "versions".
    const versions = objectMap(
      (Array.isArray(b.versions) ? (b.versions as Json[]) : []).map((o) => {
        const { slot, ...rest } = o
        const metadata = dictOf(rest.metadata as Record<string, string> | undefined)
        return [slot as string, { ...(rest as unknown as ObjectEntity), metadata, body: new Uint8Array(Buffer.from(rest.body as string, 'base64')) }] as const
      }),
    )
    buckets.set(b.name as string, { ...(b as unknown as BucketEntity), objects, versions })
  }
  return {
    accounts,
    accessKeys: new Map((list(raw, 'accessKeys') as Array<{ id: string }>).map((k) => [k.id, k])) as EmulatorState['accessKeys'],
    sessions: new Map((list(raw, 'sessions') as Array<{ accessKeyId: string }>).map((s) => [s.accessKeyId, s])) as EmulatorState['sessions'],
    buckets,
  }
}

/** Parse version-1 JSON text back into state. Throws on a file of another format. */
export function stateFromJson(text: string): EmulatorState {
  const raw = JSON.parse(text) as Json
  if (raw.format !== FORMAT || raw.version !== VERSION) throw new Error(`not an iamflow emulator state file (format ${String(raw.format)})`)
  return stateFromV1(raw)
}
