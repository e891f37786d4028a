import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { dictOf } from '../../safe-object.js'
import { entityMap, objectMap, policyMap, type AccountState, type BucketEntity, type EmulatorState, type ManagedPolicyEntity, type ObjectEntity } from './model.js'

/**
 * The state file: plain JSON (maps as arrays of entries, object bodies base64), written
 * atomically (temp file + rename) so a crash never leaves half a file.
 */
const FORMAT = 'iamflow-emulator-state'
const VERSION = 1

type Json = Record<string, unknown>

function accountToJson(a: AccountState): Json {
  return { ...a, users: [...a.users.values()], roles: [...a.roles.values()], groups: [...a.groups.values()], policies: [...a.policies.values()] }
}

function bucketToJson(b: BucketEntity): Json {
  return {
    ...b,
    objects: [...b.objects.values()].map((o) => ({ ...o, body: Buffer.from(o.body).toString('base64') })),
  }
}

/** Serialize state to the file's JSON text. */
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

/** Parse the file's JSON text back into state. Throws on a file of another format. */
export function stateFromJson(text: string): EmulatorState {
  const raw = JSON.parse(text) as Json
  if (raw.format !== FORMAT || raw.version !== VERSION) throw new Error(`not an iamflow emulator state file (format ${String(raw.format)})`)
  // The listing orders of the entity maps are derived here, not read from the file.
  const byName = <T extends { name: string }>(xs: T[]) => entityMap(xs.map((x) => [x.name.toLowerCase(), x] as const))
  const accounts = new Map<string, AccountState>()
  for (const a of raw.accounts as Json[]) {
    const account: AccountState = {
      id: a.id as string,
      canonicalUserId: a.canonicalUserId as string,
      users: byName(a.users as AccountState['users'] extends Map<string, infer U> ? U[] : never),
      roles: byName(a.roles as AccountState['roles'] extends Map<string, infer R> ? R[] : never),
      groups: byName(a.groups as AccountState['groups'] extends Map<string, infer G> ? G[] : never),
      policies: policyMap((a.policies as ManagedPolicyEntity[]).map((p) => [p.arn, p] as const)),
    }
    accounts.set(account.id, account)
  }
  const buckets = new Map<string, BucketEntity>()
  for (const b of raw.buckets as Json[]) {
    const objects = objectMap(
      (b.objects as Json[]).map((o) => {
        // User metadata names are the client's: back into a prototype-free record (see safe-object.ts).
        const metadata = dictOf(o.metadata as Record<string, string> | undefined)
        return [o.key as string, { ...(o as unknown as ObjectEntity), metadata, body: new Uint8Array(Buffer.from(o.body as string, 'base64')) }] as const
      }),
    )
    buckets.set(b.name as string, { ...(b as unknown as BucketEntity), objects })
  }
  return {
    accounts,
    accessKeys: new Map((raw.accessKeys as Array<{ id: string }>).map((k) => [k.id, k])) as EmulatorState['accessKeys'],
    sessions: new Map((raw.sessions as Array<{ accessKeyId: string }>).map((s) => [s.accessKeyId, s])) as EmulatorState['sessions'],
    buckets,
  }
}

/** Load state from `path`, or undefined when the file does not exist. */
export function loadState(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined
  return stateFromJson(readFileSync(path, 'utf8'))
}

/** Write state to `path` atomically. */
export async function saveState(state: EmulatorState, path: string): Promise<void> {
  saveStateSync(state, path)
}

/** Synchronous save (for exit handlers). */
export function saveStateSync(state: EmulatorState, path: string): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, stateToJson(state), { mode: 0o600 })
  renameSync(tmp, path)
}
