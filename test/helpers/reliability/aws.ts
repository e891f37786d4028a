import { Agent } from 'node:http'
import { IAMClient, ListAccessKeysCommand, ListGroupsCommand, ListPoliciesCommand, ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam'
import { ListBucketsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { STSClient } from '@aws-sdk/client-sts'
import type { Creds } from './serve.js'

/** Real SDK v3 clients of one identity against an endpoint (path-style S3, no retries by default). */
export interface Clients {
  iam: IAMClient
  sts: STSClient
  s3: S3Client
  destroy(): void
}

/** Build clients for `endpoint` acting as `creds`. */
export function clientsFor(endpoint: string, creds: Creds, opts: { maxAttempts?: number; maxSockets?: number; region?: string; clockOffsetMs?: number } = {}): Clients {
  const requestHandler = { httpAgent: new Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 16 }) }
  const common = { endpoint, region: opts.region ?? 'us-east-1', credentials: creds, maxAttempts: opts.maxAttempts ?? 1, requestHandler, ...(opts.clockOffsetMs ? { systemClockOffset: opts.clockOffsetMs } : {}) }
  const iam = new IAMClient(common)
  const sts = new STSClient(common)
  const s3 = new S3Client({ ...common, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' })
  return {
    iam,
    sts,
    s3,
    destroy: () => {
      iam.destroy()
      sts.destroy()
      s3.destroy()
    },
  }
}

/** What an account holds, read through the emulator's own list APIs. */
export interface ApiInventory {
  users: string[]
  /** `user/AKIA...` for every user key (root's keys are not listed). */
  accessKeys: string[]
  roles: string[]
  /** Customer managed policies (Scope=Local), by ARN. */
  policies: string[]
  groups: string[]
  buckets: string[]
  /** `bucket/key`. */
  objects: string[]
}

export const EMPTY_INVENTORY: ApiInventory = { users: [], accessKeys: [], roles: [], policies: [], groups: [], buckets: [], objects: [] }

/** Every marker-paginated IAM list, followed to the end. */
async function allPages<T>(fetch: (marker?: string) => Promise<{ items: T[]; marker?: string }>): Promise<T[]> {
  const out: T[] = []
  let marker: string | undefined
  do {
    const page = await fetch(marker)
    out.push(...page.items)
    marker = page.marker
  } while (marker)
  return out
}

/** List everything the root of `clients` can see, with ListUsers/ListAccessKeys/ListRoles/ListPolicies/ListGroups/ListBuckets/ListObjectsV2. */
export async function inventoryViaApi(clients: Clients): Promise<ApiInventory> {
  const { iam, s3 } = clients
  const users = await allPages(async (Marker) => {
    const r = await iam.send(new ListUsersCommand({ Marker }))
    return { items: (r.Users ?? []).map((u) => u.UserName!), marker: r.IsTruncated ? r.Marker : undefined }
  })
  const accessKeys: string[] = []
  for (const UserName of users) {
    const keys = await allPages(async (Marker) => {
      const r = await iam.send(new ListAccessKeysCommand({ UserName, Marker }))
      return { items: (r.AccessKeyMetadata ?? []).map((k) => `${UserName}/${k.AccessKeyId}`), marker: r.IsTruncated ? r.Marker : undefined }
    })
    accessKeys.push(...keys)
  }
  const roles = await allPages(async (Marker) => {
    const r = await iam.send(new ListRolesCommand({ Marker }))
    return { items: (r.Roles ?? []).map((x) => x.RoleName!), marker: r.IsTruncated ? r.Marker : undefined }
  })
  const policies = await allPages(async (Marker) => {
    const r = await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker }))
    return { items: (r.Policies ?? []).map((x) => x.Arn!), marker: r.IsTruncated ? r.Marker : undefined }
  })
  const groups = await allPages(async (Marker) => {
    const r = await iam.send(new ListGroupsCommand({ Marker }))
    return { items: (r.Groups ?? []).map((x) => x.GroupName!), marker: r.IsTruncated ? r.Marker : undefined }
  })
  const buckets = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!)
  const objects: string[] = []
  for (const Bucket of buckets) {
    let token: string | undefined
    do {
      const r = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: token }))
      objects.push(...(r.Contents ?? []).map((o) => `${Bucket}/${o.Key}`))
      token = r.IsTruncated ? r.NextContinuationToken : undefined
    } while (token)
  }
  const sort = (xs: string[]) => [...xs].sort()
  return { users: sort(users), accessKeys: sort(accessKeys), roles: sort(roles), policies: sort(policies), groups: sort(groups), buckets: sort(buckets), objects: sort(objects) }
}

/** The AWS error a call fails with (name = AWS code), or throws if it succeeds. */
export async function awsError(p: Promise<unknown>): Promise<{ code: string; status?: number; message: string }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { code: err.Code ?? err.name, status: err.$metadata?.httpStatusCode, message: err.message }
  }
  throw new Error('expected the call to fail, but it succeeded')
}
