import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  ListAccountAliasesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
  ListSAMLProvidersCommand,
} from '@aws-sdk/client-iam'
import { GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, ListBucketsCommand } from '@aws-sdk/client-s3'
import { toOutcome } from '../../aws/errors.js'
import { SNAPSHOT_LIMITS, type AccountSnapshot, type ObjectOwnership, type SnapshotBucket, type SnapshotUnreadable } from '../../emulator/snapshot/format.js'
import { parseSnapshotText, snapshotFromAuthorizationDetails } from '../../emulator/snapshot/parse.js'
import { InfrastructureError } from '../../errors.js'
import { clientsOf, type RunTarget } from '../targets/targets.js'

/**
 * `iamflow snapshot`: read an account's IAM configuration through the API, on AWS or any
 * endpoint, into an account snapshot (src/emulator/snapshot/format.ts). Reads only, never a
 * secret: GetAccountAuthorizationDetails (every page), ListRoles (what it lacks: the maximum
 * session and description), the OIDC and SAML providers, the password policy and alias, and
 * each bucket's policy, Block Public Access and Object Ownership. A read the caller may not make
 * (403) is recorded under `Unreadable` and the snapshot goes on; any other failure stops it.
 */

/** Most pages read from one paginated operation (1000 items a page). */
export const MAX_PAGES = 100

/** Error codes that mean "you may not read this". */
const REFUSED = new Set(['AccessDenied', 'AccessDeniedException', 'AllAccessDisabled', 'UnauthorizedOperation', 'UnauthorizedAccess'])

export interface TakeOptions {
  /** The clock (tests). */
  now?: () => Date
  signal?: AbortSignal
}

/** Read the target's account into a snapshot (checked by the same reader that loads one). */
export async function takeSnapshot(target: RunTarget, opts: TakeOptions = {}): Promise<AccountSnapshot> {
  const clients = clientsOf(target, target.operator)
  const account = target.info.account
  const unreadable: SnapshotUnreadable[] = []
  const signal = opts.signal ? { abortSignal: opts.signal } : {}
  /** The answer, `undefined` for an "it has none" code, or `refused` (recorded). */
  const read = async <T>(resource: string, operation: string, call: () => Promise<T>, none: string[] = []): Promise<T | undefined | 'refused'> => {
    try {
      return await call()
    } catch (err) {
      const o = toOutcome(err)
      if (o.kind === 'error' && none.includes(o.code)) return undefined
      if (o.kind === 'error' && (REFUSED.has(o.code) || o.status === 403)) {
        unreadable.push({ Resource: resource, Operation: operation, Code: o.code })
        return 'refused'
      }
      throw new InfrastructureError('target-unreachable', `snapshot: ${operation} (${resource}) failed: ${o.code}: ${o.message}`, { cause: err })
    }
  }
  const pages = async <P extends { IsTruncated?: boolean; Marker?: string }>(resource: string, operation: string, call: (marker?: string) => Promise<P>): Promise<P[] | 'refused'> => {
    const out: P[] = []
    let marker: string | undefined
    for (let i = 0; i < MAX_PAGES; i++) {
      const page = await read(resource, operation, () => call(marker))
      if (page === 'refused') return out.length > 0 ? out : 'refused'
      if (page === undefined) return out
      out.push(page)
      if (!page.IsTruncated || !page.Marker) return out
      marker = page.Marker
    }
    throw new InfrastructureError('target-unreachable', `snapshot: ${operation} answered more than ${MAX_PAGES} pages`)
  }

  // IAM: every user, group, role and managed policy in use, with their documents.
  const details = await pages('account', 'GetAccountAuthorizationDetails', (Marker) => clients.iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000, ...(Marker ? { Marker } : {}) }), signal))
  const merged = { UserDetailList: [] as unknown[], GroupDetailList: [] as unknown[], RoleDetailList: [] as unknown[], Policies: [] as unknown[] }
  if (details !== 'refused') {
    for (const p of details) {
      merged.UserDetailList.push(...(p.UserDetailList ?? []))
      merged.GroupDetailList.push(...(p.GroupDetailList ?? []))
      merged.RoleDetailList.push(...(p.RoleDetailList ?? []))
      merged.Policies.push(...(p.Policies ?? []))
    }
  }
  // Dates become ISO-8601 text, as the AWS CLI prints them.
  const snap = snapshotFromAuthorizationDetails(JSON.parse(JSON.stringify(merged)), account, 'GetAccountAuthorizationDetails')

  const roles = await pages('account', 'ListRoles', (Marker) => clients.iam.send(new ListRolesCommand({ MaxItems: 1000, ...(Marker ? { Marker } : {}) }), signal))
  if (roles !== 'refused') {
    const byName = new Map(roles.flatMap((p) => p.Roles ?? []).map((r) => [r.RoleName, r]))
    for (const role of snap.Roles) {
      const listed = byName.get(role.RoleName)
      if (listed?.MaxSessionDuration !== undefined) role.MaxSessionDuration = listed.MaxSessionDuration
      if (listed?.Description !== undefined) role.Description = listed.Description
    }
  }

  const oidc = await read('account', 'ListOpenIDConnectProviders', () => clients.iam.send(new ListOpenIDConnectProvidersCommand({}), signal))
  if (oidc && oidc !== 'refused') {
    for (const { Arn } of (oidc.OpenIDConnectProviderList ?? []).slice(0, SNAPSHOT_LIMITS.providers)) {
      if (!Arn) continue
      const p = await read(Arn, 'GetOpenIDConnectProvider', () => clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }), signal))
      if (!p || p === 'refused') continue
      snap.OpenIDConnectProviders.push({
        Arn,
        Url: p.Url?.startsWith('https://') ? p.Url : `https://${p.Url ?? ''}`,
        ClientIDList: p.ClientIDList ?? [],
        ThumbprintList: p.ThumbprintList ?? [],
        CreateDate: (p.CreateDate ?? new Date(0)).toISOString(),
        Tags: (p.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
      })
    }
  }
  const saml = await read('account', 'ListSAMLProviders', () => clients.iam.send(new ListSAMLProvidersCommand({}), signal))
  if (saml && saml !== 'refused') {
    for (const { Arn } of (saml.SAMLProviderList ?? []).slice(0, SNAPSHOT_LIMITS.providers)) {
      if (!Arn) continue
      const p = await read(Arn, 'GetSAMLProvider', () => clients.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: Arn }), signal))
      if (!p || p === 'refused' || !p.SAMLMetadataDocument) continue
      // The metadata document only (certificates are public); never the private keys' list.
      snap.SAMLProviders.push({
        Arn,
        SAMLMetadataDocument: p.SAMLMetadataDocument,
        CreateDate: (p.CreateDate ?? new Date(0)).toISOString(),
        ...(p.ValidUntil ? { ValidUntil: p.ValidUntil.toISOString() } : {}),
        Tags: (p.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
      })
    }
  }
  const pp = await read('account', 'GetAccountPasswordPolicy', () => clients.iam.send(new GetAccountPasswordPolicyCommand({}), signal), ['NoSuchEntity'])
  if (pp && pp !== 'refused' && pp.PasswordPolicy) {
    const x = pp.PasswordPolicy
    snap.PasswordPolicy = {
      MinimumPasswordLength: x.MinimumPasswordLength ?? 8,
      RequireSymbols: x.RequireSymbols ?? false,
      RequireNumbers: x.RequireNumbers ?? false,
      RequireUppercaseCharacters: x.RequireUppercaseCharacters ?? false,
      RequireLowercaseCharacters: x.RequireLowercaseCharacters ?? false,
      AllowUsersToChangePassword: x.AllowUsersToChangePassword ?? false,
      ...(x.MaxPasswordAge !== undefined ? { MaxPasswordAge: x.MaxPasswordAge } : {}),
      ...(x.PasswordReusePrevention !== undefined ? { PasswordReusePrevention: x.PasswordReusePrevention } : {}),
      ...(x.HardExpiry !== undefined ? { HardExpiry: x.HardExpiry } : {}),
    }
  }
  const aliases = await read('account', 'ListAccountAliases', () => clients.iam.send(new ListAccountAliasesCommand({}), signal))
  if (aliases && aliases !== 'refused' && aliases.AccountAliases?.[0]) snap.AccountAlias = aliases.AccountAliases[0]

  snap.Buckets = await readBuckets(clients, read, signal)
  snap.Source = target.info.kind === 'aws' ? 'aws' : target.info.kind === 'endpoint' ? 'endpoint' : 'embedded'
  snap.TakenAt = (opts.now ?? (() => new Date()))().toISOString()
  snap.Unreadable = unreadable
  // What is written is what a load accepts: the same checks, on the very text.
  return parseSnapshotText(snapshotText(snap), 'the snapshot just read')
}

type Read = <T>(resource: string, operation: string, call: () => Promise<T>, none?: string[]) => Promise<T | undefined | 'refused'>

async function readBuckets(clients: ReturnType<typeof clientsOf>, read: Read, signal: { abortSignal?: AbortSignal }): Promise<SnapshotBucket[]> {
  const listed = await read('account', 'ListBuckets', () => clients.s3.send(new ListBucketsCommand({}), signal))
  if (!listed || listed === 'refused') return []
  const out: SnapshotBucket[] = []
  for (const b of (listed.Buckets ?? []).slice(0, SNAPSHOT_LIMITS.buckets)) {
    const name = b.Name
    if (!name) continue
    const bucket: SnapshotBucket = { Name: name }
    if (b.BucketRegion) bucket.Region = b.BucketRegion
    if (b.CreationDate) bucket.CreationDate = b.CreationDate.toISOString()
    const what = `bucket ${name}`
    const policy = await read(what, 'GetBucketPolicy', () => clients.s3.send(new GetBucketPolicyCommand({ Bucket: name }), signal), ['NoSuchBucketPolicy'])
    if (policy && policy !== 'refused' && policy.Policy) bucket.Policy = policy.Policy
    const bpa = await read(what, 'GetPublicAccessBlock', () => clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }), signal), ['NoSuchPublicAccessBlockConfiguration'])
    const c = bpa && bpa !== 'refused' ? bpa.PublicAccessBlockConfiguration : undefined
    if (c) bucket.PublicAccessBlock = { BlockPublicAcls: c.BlockPublicAcls ?? false, IgnorePublicAcls: c.IgnorePublicAcls ?? false, BlockPublicPolicy: c.BlockPublicPolicy ?? false, RestrictPublicBuckets: c.RestrictPublicBuckets ?? false }
    const own = await read(what, 'GetBucketOwnershipControls', () => clients.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }), signal), ['OwnershipControlsNotFoundError'])
    const rule = own && own !== 'refused' ? own.OwnershipControls?.Rules?.[0]?.ObjectOwnership : undefined
    if (rule) bucket.ObjectOwnership = rule as ObjectOwnership
    out.push(bucket)
  }
  return out
}

/**
 * The snapshot as the file holds it: members in a fixed order, entities sorted by name (ARN for
 * policies), two-space JSON and a final newline, so the same account gives the same bytes.
 */
export function snapshotText(snap: AccountSnapshot): string {
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
  const ordered: AccountSnapshot = {
    format: snap.format,
    version: snap.version,
    AccountId: snap.AccountId,
    ...(snap.TakenAt !== undefined ? { TakenAt: snap.TakenAt } : {}),
    Source: snap.Source,
    ...(snap.AccountAlias !== undefined ? { AccountAlias: snap.AccountAlias } : {}),
    Users: [...snap.Users].sort(by((u) => u.UserName.toLowerCase())),
    Groups: [...snap.Groups].sort(by((g) => g.GroupName.toLowerCase())),
    Roles: [...snap.Roles].sort(by((r) => r.RoleName.toLowerCase())),
    Policies: [...snap.Policies].sort(by((p) => p.Arn)),
    AwsManagedPolicies: [...snap.AwsManagedPolicies].sort(by((p) => p.Arn)),
    Buckets: [...snap.Buckets].sort(by((b) => b.Name)),
    OpenIDConnectProviders: [...snap.OpenIDConnectProviders].sort(by((p) => p.Arn)),
    SAMLProviders: [...snap.SAMLProviders].sort(by((p) => p.Arn)),
    ...(snap.PasswordPolicy ? { PasswordPolicy: snap.PasswordPolicy } : {}),
    Unreadable: snap.Unreadable,
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}
