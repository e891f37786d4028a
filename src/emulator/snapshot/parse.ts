import { readFileSync, statSync } from 'node:fs'
import { InputError } from '../../errors.js'
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_LIMITS,
  SNAPSHOT_VERSION,
  type AccountSnapshot,
  type ObjectOwnership,
  type SnapshotAwsPolicy,
  type SnapshotBucket,
  type SnapshotGroup,
  type SnapshotInline,
  type SnapshotInstanceProfile,
  type SnapshotPolicy,
  type SnapshotRole,
  type SnapshotSource,
  type SnapshotUser,
} from './format.js'
import { PATTERNS, SnapshotReader } from './read-value.js'

/**
 * Reading a snapshot file: iamflow's own format (`format: iamflow-account-snapshot`), or the
 * JSON that `aws iam get-account-authorization-details` prints (recognised by its
 * `UserDetailList` / `RoleDetailList` / `GroupDetailList` / `Policies` members; the pages of
 * `--no-paginate` output concatenated into one document are accepted too). Every problem is a
 * `bad-snapshot` error with the file and the JSON path; nothing from the file becomes a
 * property of an ordinary object.
 */

/** Read and check the snapshot at `path`. */
export function readSnapshotFile(path: string): AccountSnapshot {
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new InputError('bad-snapshot', `${path} is not a file`, { hint: 'give the JSON file `iamflow snapshot --output FILE` wrote' })
    size = st.size
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError('bad-snapshot', `cannot read the snapshot ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { hint: 'check the path (in a scenario it is relative to the scenario file)' })
  }
  if (size > SNAPSHOT_LIMITS.fileBytes) throw new InputError('bad-snapshot', `${path} is ${size} bytes, more than a snapshot may be (${SNAPSHOT_LIMITS.fileBytes})`)
  return parseSnapshotText(readFileSync(path, 'utf8'), path)
}

/** Parse and check a snapshot's text; `file` names it in errors. */
export function parseSnapshotText(text: string, file: string): AccountSnapshot {
  const r = new SnapshotReader(file)
  if (text.length > SNAPSHOT_LIMITS.fileBytes) r.fail('', 'is too large')
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    r.fail('', `is not JSON: ${(err as Error).message}`)
  }
  const root = r.obj(doc, '$')
  const format = r.get(root, 'format')
  if (format !== undefined) {
    if (format !== SNAPSHOT_FORMAT) r.fail('$.format', `is ${JSON.stringify(format)}, not ${SNAPSHOT_FORMAT}`)
    const version = r.get(root, 'version')
    if (version !== SNAPSHOT_VERSION) r.fail('$.version', `is ${JSON.stringify(version)}: this iamflow reads version ${SNAPSHOT_VERSION}`, 'take the snapshot again with this iamflow')
    return ownFormat(r, root)
  }
  if (['UserDetailList', 'RoleDetailList', 'GroupDetailList', 'Policies'].some((k) => r.get(root, k) !== undefined)) return fromAwsCli(r, root)
  return r.fail('$', `is neither an iamflow snapshot (format: ${SNAPSHOT_FORMAT}) nor the output of aws iam get-account-authorization-details`)
}

const SOURCES: readonly SnapshotSource[] = ['aws', 'endpoint', 'embedded', 'aws-cli']
const OWNERSHIPS: readonly ObjectOwnership[] = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']

function ownFormat(r: SnapshotReader, root: Record<string, unknown>): AccountSnapshot {
  const accountId = r.str(root, 'AccountId', '$', { pattern: PATTERNS.account })
  const source = r.str(root, 'Source', '$')
  if (!SOURCES.includes(source as SnapshotSource)) r.fail('$.Source', `must be one of ${SOURCES.join(', ')}`)
  const L = SNAPSHOT_LIMITS
  const snap: AccountSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    AccountId: accountId,
    Source: source as SnapshotSource,
    Users: r.list(root, 'Users', '$', L.entities).map((u, i) => user(r, r.obj(u, `$.Users[${i}]`), `$.Users[${i}]`, 'own')),
    Groups: r.list(root, 'Groups', '$', L.entities).map((g, i) => group(r, r.obj(g, `$.Groups[${i}]`), `$.Groups[${i}]`, 'own')),
    Roles: r.list(root, 'Roles', '$', L.entities).map((x, i) => role(r, r.obj(x, `$.Roles[${i}]`), `$.Roles[${i}]`, 'own')),
    Policies: r.list(root, 'Policies', '$', L.entities).map((p, i) => customerPolicy(r, r.obj(p, `$.Policies[${i}]`), `$.Policies[${i}]`, 'own')),
    AwsManagedPolicies: r.list(root, 'AwsManagedPolicies', '$', L.awsManagedPolicies).map((p, i) => {
      const at = `$.AwsManagedPolicies[${i}]`
      const o = r.obj(p, at)
      return {
        PolicyName: r.str(o, 'PolicyName', at, { pattern: PATTERNS.name }),
        PolicyId: r.str(o, 'PolicyId', at, { pattern: PATTERNS.id }),
        Arn: r.str(o, 'Arn', at, { pattern: /^arn:aws:iam::aws:policy\/[\x21-\x7e]+$/ }),
        Path: r.str(o, 'Path', at, { pattern: PATTERNS.path }),
        DefaultVersionId: r.str(o, 'DefaultVersionId', at, { pattern: PATTERNS.versionId }),
        CreateDate: r.date(o, 'CreateDate', at),
        UpdateDate: r.date(o, 'UpdateDate', at),
        Document: r.document(o, 'Document', at),
      }
    }),
    Buckets: r.list(root, 'Buckets', '$', L.buckets).map((b, i) => bucket(r, r.obj(b, `$.Buckets[${i}]`), `$.Buckets[${i}]`)),
    OpenIDConnectProviders: r.list(root, 'OpenIDConnectProviders', '$', L.providers).map((p, i) => {
      const at = `$.OpenIDConnectProviders[${i}]`
      const o = r.obj(p, at)
      return {
        Arn: r.str(o, 'Arn', at, { pattern: new RegExp(`^arn:aws:iam::${accountId}:oidc-provider/[\\x21-\\x7e]+$`) }),
        Url: r.str(o, 'Url', at, { pattern: /^https:\/\/[\x21-\x7e]{1,255}$/ }),
        ClientIDList: r.strings(o, 'ClientIDList', at, 100),
        ThumbprintList: r.strings(o, 'ThumbprintList', at, 5),
        CreateDate: r.date(o, 'CreateDate', at),
        Tags: r.tags(o, 'Tags', at),
      }
    }),
    SAMLProviders: r.list(root, 'SAMLProviders', '$', L.providers).map((p, i) => {
      const at = `$.SAMLProviders[${i}]`
      const o = r.obj(p, at)
      const metadata = r.str(o, 'SAMLMetadataDocument', at, { max: 10_000_000 })
      if (/PRIVATE KEY/.test(metadata)) r.fail(`${at}.SAMLMetadataDocument`, 'holds a private key: a snapshot never holds secrets')
      const validUntil = r.optDate(o, 'ValidUntil', at)
      return {
        Arn: r.str(o, 'Arn', at, { pattern: new RegExp(`^arn:aws:iam::${accountId}:saml-provider/[\\w.-]{1,128}$`) }),
        SAMLMetadataDocument: metadata,
        CreateDate: r.date(o, 'CreateDate', at),
        ...(validUntil !== undefined ? { ValidUntil: validUntil } : {}),
        Tags: r.tags(o, 'Tags', at),
      }
    }),
    Unreadable: r.list(root, 'Unreadable', '$', L.unreadable).map((u, i) => {
      const o = r.obj(u, `$.Unreadable[${i}]`)
      return { Resource: r.str(o, 'Resource', `$.Unreadable[${i}]`, { max: 2048 }), Operation: r.str(o, 'Operation', `$.Unreadable[${i}]`, { max: 128 }), Code: r.str(o, 'Code', `$.Unreadable[${i}]`, { max: 128 }) }
    }),
  }
  const taken = r.optDate(root, 'TakenAt', '$')
  if (taken !== undefined) snap.TakenAt = taken
  const alias = r.optStr(root, 'AccountAlias', '$', { pattern: /^[a-z0-9](([a-z0-9]|-(?!-)){1,61}[a-z0-9])?$/ })
  if (alias !== undefined) snap.AccountAlias = alias
  const pp = r.get(root, 'PasswordPolicy')
  if (pp !== undefined && pp !== null) {
    const o = r.obj(pp, '$.PasswordPolicy')
    const at = '$.PasswordPolicy'
    const maxAge = r.int(o, 'MaxPasswordAge', at, 1, 1095)
    const reuse = r.int(o, 'PasswordReusePrevention', at, 1, 24)
    const hard = r.get(o, 'HardExpiry')
    snap.PasswordPolicy = {
      MinimumPasswordLength: r.int(o, 'MinimumPasswordLength', at, 6, 128) ?? 8,
      RequireSymbols: r.bool(o, 'RequireSymbols', at, false),
      RequireNumbers: r.bool(o, 'RequireNumbers', at, false),
      RequireUppercaseCharacters: r.bool(o, 'RequireUppercaseCharacters', at, false),
      RequireLowercaseCharacters: r.bool(o, 'RequireLowercaseCharacters', at, false),
      AllowUsersToChangePassword: r.bool(o, 'AllowUsersToChangePassword', at, false),
      ...(maxAge !== undefined ? { MaxPasswordAge: maxAge } : {}),
      ...(reuse !== undefined ? { PasswordReusePrevention: reuse } : {}),
      ...(hard !== undefined ? { HardExpiry: r.bool(o, 'HardExpiry', at) } : {}),
    }
  }
  return checkAccount(r, snap)
}

/**
 * GetAccountAuthorizationDetails output (all pages in one document), as a snapshot of account
 * `accountId` (`iamflow snapshot` reads the API this way; the rest of the snapshot is added
 * after). `label` names the source in errors.
 */
export function snapshotFromAuthorizationDetails(doc: unknown, accountId: string, label: string): AccountSnapshot {
  const r = new SnapshotReader(label)
  return fromAwsCli(r, r.obj(doc, '$'), accountId)
}

/** `aws iam get-account-authorization-details` output: its account is the one its ARNs name. */
function fromAwsCli(r: SnapshotReader, root: Record<string, unknown>, knownAccount?: string): AccountSnapshot {
  const L = SNAPSHOT_LIMITS
  const policies: SnapshotPolicy[] = []
  const awsManaged: SnapshotAwsPolicy[] = []
  r.list(root, 'Policies', '$', L.entities + L.awsManagedPolicies).forEach((p, i) => {
    const at = `$.Policies[${i}]`
    const o = r.obj(p, at)
    const arn = r.str(o, 'Arn', at, { pattern: PATTERNS.arn })
    if (!arn.startsWith('arn:aws:iam::aws:policy/')) {
      policies.push(customerPolicy(r, o, at, 'cli'))
      return
    }
    const def = r.str(o, 'DefaultVersionId', at, { pattern: PATTERNS.versionId })
    const versions = r.list(o, 'PolicyVersionList', at, L.versions)
    const index = versions.findIndex((v) => r.get(r.obj(v, `${at}.PolicyVersionList`), 'VersionId') === def)
    if (index < 0) r.fail(`${at}.PolicyVersionList`, `has no version ${def} (the default)`)
    awsManaged.push({
      PolicyName: r.str(o, 'PolicyName', at, { pattern: PATTERNS.name }),
      PolicyId: r.str(o, 'PolicyId', at, { pattern: PATTERNS.id }),
      Arn: arn,
      Path: r.str(o, 'Path', at, { pattern: PATTERNS.path }),
      DefaultVersionId: def,
      CreateDate: r.date(o, 'CreateDate', at),
      UpdateDate: r.date(o, 'UpdateDate', at),
      Document: r.document(r.obj(versions[index], `${at}.PolicyVersionList[${index}]`), 'Document', `${at}.PolicyVersionList[${index}]`),
    })
  })
  const snap: AccountSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    AccountId: '',
    Source: 'aws-cli',
    Users: r.list(root, 'UserDetailList', '$', L.entities).map((u, i) => user(r, r.obj(u, `$.UserDetailList[${i}]`), `$.UserDetailList[${i}]`, 'cli')),
    Groups: r.list(root, 'GroupDetailList', '$', L.entities).map((g, i) => group(r, r.obj(g, `$.GroupDetailList[${i}]`), `$.GroupDetailList[${i}]`, 'cli')),
    Roles: r.list(root, 'RoleDetailList', '$', L.entities).map((x, i) => role(r, r.obj(x, `$.RoleDetailList[${i}]`), `$.RoleDetailList[${i}]`, 'cli')),
    Policies: policies,
    AwsManagedPolicies: awsManaged,
    Buckets: [],
    OpenIDConnectProviders: [],
    SAMLProviders: [],
    Unreadable: [],
  }
  const first = knownAccount ?? [...snap.Users, ...snap.Groups, ...snap.Roles, ...snap.Policies].map((e) => /^arn:aws:iam::(\d{12}):/.exec(e.Arn)?.[1]).find((a) => a !== undefined)
  if (!first) r.fail('$', 'names no user, group, role or customer managed policy, so the account is unknown')
  snap.AccountId = first
  // Unique ids are taken as given: AWS's documented example output repeats one placeholder id.
  return checkAccount(r, snap, false)
}

type Shape = 'own' | 'cli'

function inline(r: SnapshotReader, o: Record<string, unknown>, key: string, at: string): SnapshotInline[] {
  return r.list(o, key, at, SNAPSHOT_LIMITS.perEntity).map((p, i) => {
    const x = r.obj(p, `${at}.${key}[${i}]`)
    return { PolicyName: r.str(x, 'PolicyName', `${at}.${key}[${i}]`, { pattern: PATTERNS.name }), PolicyDocument: r.document(x, 'PolicyDocument', `${at}.${key}[${i}]`) }
  })
}

function attached(r: SnapshotReader, o: Record<string, unknown>, at: string, shape: Shape): string[] {
  if (shape === 'own') return r.strings(o, 'AttachedPolicies', at, SNAPSHOT_LIMITS.perEntity)
  // AWS's documented example output shows one group's attachment as an object, not a list.
  const one = r.get(o, 'AttachedManagedPolicies')
  const list = typeof one === 'object' && one !== null && !Array.isArray(one) ? [one] : r.list(o, 'AttachedManagedPolicies', at, SNAPSHOT_LIMITS.perEntity)
  return list.map((a, i) => r.str(r.obj(a, `${at}.AttachedManagedPolicies[${i}]`), 'PolicyArn', `${at}.AttachedManagedPolicies[${i}]`, { pattern: PATTERNS.arn }))
}

function boundary(r: SnapshotReader, o: Record<string, unknown>, at: string, shape: Shape): string | undefined {
  if (shape === 'own') return r.optStr(o, 'PermissionsBoundary', at, { pattern: PATTERNS.arn })
  const b = r.get(o, 'PermissionsBoundary')
  if (b === undefined || b === null) return undefined
  return r.optStr(r.obj(b, `${at}.PermissionsBoundary`), 'PermissionsBoundaryArn', `${at}.PermissionsBoundary`, { pattern: PATTERNS.arn })
}

function user(r: SnapshotReader, o: Record<string, unknown>, at: string, shape: Shape): SnapshotUser {
  const b = boundary(r, o, at, shape)
  return {
    UserName: r.str(o, 'UserName', at, { pattern: PATTERNS.name }),
    UserId: r.str(o, 'UserId', at, { pattern: PATTERNS.id }),
    Arn: r.str(o, 'Arn', at, { pattern: PATTERNS.arn }),
    Path: r.str(o, 'Path', at, { pattern: PATTERNS.path }),
    CreateDate: r.date(o, 'CreateDate', at),
    Groups: r.strings(o, shape === 'own' ? 'Groups' : 'GroupList', at, SNAPSHOT_LIMITS.perEntity),
    InlinePolicies: inline(r, o, shape === 'own' ? 'InlinePolicies' : 'UserPolicyList', at),
    AttachedPolicies: attached(r, o, at, shape),
    ...(b !== undefined ? { PermissionsBoundary: b } : {}),
    Tags: r.tags(o, 'Tags', at),
  }
}

function group(r: SnapshotReader, o: Record<string, unknown>, at: string, shape: Shape): SnapshotGroup {
  return {
    GroupName: r.str(o, 'GroupName', at, { pattern: PATTERNS.name }),
    GroupId: r.str(o, 'GroupId', at, { pattern: PATTERNS.id }),
    Arn: r.str(o, 'Arn', at, { pattern: PATTERNS.arn }),
    Path: r.str(o, 'Path', at, { pattern: PATTERNS.path }),
    CreateDate: r.date(o, 'CreateDate', at),
    InlinePolicies: inline(r, o, shape === 'own' ? 'InlinePolicies' : 'GroupPolicyList', at),
    AttachedPolicies: attached(r, o, at, shape),
  }
}

function role(r: SnapshotReader, o: Record<string, unknown>, at: string, shape: Shape): SnapshotRole {
  const b = boundary(r, o, at, shape)
  const description = r.optStr(o, 'Description', at, { max: 1000 })
  const profiles = r.list(o, shape === 'own' ? 'InstanceProfiles' : 'InstanceProfileList', at, SNAPSHOT_LIMITS.perEntity).map((p, i): SnapshotInstanceProfile => {
    const pat = `${at}.${shape === 'own' ? 'InstanceProfiles' : 'InstanceProfileList'}[${i}]`
    const x = r.obj(p, pat)
    return {
      InstanceProfileName: r.str(x, 'InstanceProfileName', pat, { pattern: PATTERNS.name }),
      InstanceProfileId: r.str(x, 'InstanceProfileId', pat, { pattern: PATTERNS.id }),
      Arn: r.str(x, 'Arn', pat, { pattern: PATTERNS.arn }),
      Path: r.str(x, 'Path', pat, { pattern: PATTERNS.path }),
      CreateDate: r.date(x, 'CreateDate', pat),
    }
  })
  return {
    RoleName: r.str(o, 'RoleName', at, { pattern: /^[\w+=,.@-]{1,64}$/ }),
    RoleId: r.str(o, 'RoleId', at, { pattern: PATTERNS.id }),
    Arn: r.str(o, 'Arn', at, { pattern: PATTERNS.arn }),
    Path: r.str(o, 'Path', at, { pattern: PATTERNS.path }),
    CreateDate: r.date(o, 'CreateDate', at),
    AssumeRolePolicyDocument: r.document(o, 'AssumeRolePolicyDocument', at),
    ...(description !== undefined ? { Description: description } : {}),
    MaxSessionDuration: r.int(o, 'MaxSessionDuration', at, 3600, 43200) ?? 3600,
    ...(b !== undefined ? { PermissionsBoundary: b } : {}),
    Tags: r.tags(o, 'Tags', at),
    InlinePolicies: inline(r, o, shape === 'own' ? 'InlinePolicies' : 'RolePolicyList', at),
    AttachedPolicies: attached(r, o, at, shape),
    InstanceProfiles: profiles,
  }
}

function customerPolicy(r: SnapshotReader, o: Record<string, unknown>, at: string, shape: Shape): SnapshotPolicy {
  const key = shape === 'own' ? 'Versions' : 'PolicyVersionList'
  const versions = r.list(o, key, at, SNAPSHOT_LIMITS.versions).map((v, i) => {
    const x = r.obj(v, `${at}.${key}[${i}]`)
    return { VersionId: r.str(x, 'VersionId', `${at}.${key}[${i}]`, { pattern: PATTERNS.versionId }), CreateDate: r.date(x, 'CreateDate', `${at}.${key}[${i}]`), Document: r.document(x, 'Document', `${at}.${key}[${i}]`) }
  })
  const def = r.str(o, 'DefaultVersionId', at, { pattern: PATTERNS.versionId })
  if (!versions.some((v) => v.VersionId === def)) r.fail(`${at}.${key}`, `has no version ${def} (the default)`)
  const description = r.optStr(o, 'Description', at, { max: 1000 })
  return {
    PolicyName: r.str(o, 'PolicyName', at, { pattern: PATTERNS.name }),
    PolicyId: r.str(o, 'PolicyId', at, { pattern: PATTERNS.id }),
    Arn: r.str(o, 'Arn', at, { pattern: PATTERNS.arn }),
    Path: r.str(o, 'Path', at, { pattern: PATTERNS.path }),
    ...(description !== undefined ? { Description: description } : {}),
    CreateDate: r.date(o, 'CreateDate', at),
    UpdateDate: r.date(o, 'UpdateDate', at),
    DefaultVersionId: def,
    Versions: versions,
  }
}

function bucket(r: SnapshotReader, o: Record<string, unknown>, at: string): SnapshotBucket {
  const out: SnapshotBucket = { Name: r.str(o, 'Name', at, { pattern: PATTERNS.bucket }) }
  const region = r.optStr(o, 'Region', at, { pattern: /^[a-z]{2}(-[a-z]+)+-\d$/ })
  if (region !== undefined) out.Region = region
  const created = r.optDate(o, 'CreationDate', at)
  if (created !== undefined) out.CreationDate = created
  if (r.get(o, 'Policy') !== undefined && r.get(o, 'Policy') !== null) out.Policy = r.document(o, 'Policy', at)
  const bpa = r.get(o, 'PublicAccessBlock')
  if (bpa !== undefined && bpa !== null) {
    const x = r.obj(bpa, `${at}.PublicAccessBlock`)
    const pat = `${at}.PublicAccessBlock`
    out.PublicAccessBlock = { BlockPublicAcls: r.bool(x, 'BlockPublicAcls', pat, false), IgnorePublicAcls: r.bool(x, 'IgnorePublicAcls', pat, false), BlockPublicPolicy: r.bool(x, 'BlockPublicPolicy', pat, false), RestrictPublicBuckets: r.bool(x, 'RestrictPublicBuckets', pat, false) }
  }
  const ownership = r.optStr(o, 'ObjectOwnership', at)
  if (ownership !== undefined) {
    if (!OWNERSHIPS.includes(ownership as ObjectOwnership)) r.fail(`${at}.ObjectOwnership`, `must be one of ${OWNERSHIPS.join(', ')}`)
    out.ObjectOwnership = ownership as ObjectOwnership
  }
  return out
}

/**
 * Every user, group, role, instance profile and customer managed policy is the account's, named
 * by its ARN as AWS builds it, once, with its own unique id (not checked for AWS CLI output); group memberships and attachments name things that exist
 * (an AWS managed policy the emulator lacks must be in `AwsManagedPolicies`).
 */
function checkAccount(r: SnapshotReader, s: AccountSnapshot, strictIds = true): AccountSnapshot {
  const a = s.AccountId
  const arnOf = (kind: string, path: string, name: string) => `arn:aws:iam::${a}:${kind}${path}${name}`
  const seen = new Set<string>()
  const unique = (what: string, name: string, at: string) => {
    const k = `${what}:${name.toLowerCase()}`
    if (seen.has(k)) r.fail(at, `names ${what} ${name} twice (IAM names are unique, ignoring case)`)
    seen.add(k)
  }
  const ids = new Set<string>()
  const uniqueId = (id: string, at: string) => {
    if (ids.has(id) && strictIds) r.fail(at, `repeats the unique id ${id}`)
    ids.add(id)
  }
  s.Users.forEach((u, i) => {
    if (u.Arn !== arnOf('user', u.Path, u.UserName)) r.fail(`$.Users[${i}].Arn`, `is ${u.Arn}, not the ARN of user ${u.UserName} in account ${a}`)
    unique('user', u.UserName, `$.Users[${i}]`)
    uniqueId(u.UserId, `$.Users[${i}].UserId`)
  })
  s.Groups.forEach((g, i) => {
    if (g.Arn !== arnOf('group', g.Path, g.GroupName)) r.fail(`$.Groups[${i}].Arn`, `is ${g.Arn}, not the ARN of group ${g.GroupName} in account ${a}`)
    unique('group', g.GroupName, `$.Groups[${i}]`)
    uniqueId(g.GroupId, `$.Groups[${i}].GroupId`)
  })
  s.Roles.forEach((x, i) => {
    if (x.Arn !== arnOf('role', x.Path, x.RoleName)) r.fail(`$.Roles[${i}].Arn`, `is ${x.Arn}, not the ARN of role ${x.RoleName} in account ${a}`)
    unique('role', x.RoleName, `$.Roles[${i}]`)
    uniqueId(x.RoleId, `$.Roles[${i}].RoleId`)
    x.InstanceProfiles.forEach((p, j) => {
      if (p.Arn !== arnOf('instance-profile', p.Path, p.InstanceProfileName)) r.fail(`$.Roles[${i}].InstanceProfiles[${j}].Arn`, `is not the ARN of instance profile ${p.InstanceProfileName} in account ${a}`)
    })
  })
  const policyArns = new Set<string>()
  s.Policies.forEach((p, i) => {
    if (p.Arn !== arnOf('policy', p.Path, p.PolicyName)) r.fail(`$.Policies[${i}].Arn`, `is ${p.Arn}, not the ARN of policy ${p.PolicyName} in account ${a}`)
    if (policyArns.has(p.Arn)) r.fail(`$.Policies[${i}]`, `names policy ${p.Arn} twice`)
    policyArns.add(p.Arn)
    uniqueId(p.PolicyId, `$.Policies[${i}].PolicyId`)
  })
  const groups = new Set(s.Groups.map((g) => g.GroupName.toLowerCase()))
  s.Users.forEach((u, i) => {
    u.Groups.forEach((g, j) => {
      if (!groups.has(g.toLowerCase())) r.fail(`$.Users[${i}].Groups[${j}]`, `names group ${g}, which the snapshot does not hold`)
    })
  })
  const names = new Set<string>()
  s.Buckets.forEach((b, i) => {
    if (names.has(b.Name)) r.fail(`$.Buckets[${i}]`, `names bucket ${b.Name} twice`)
    names.add(b.Name)
  })
  return s
}
