/** ARN builders and a parser, in AWS's formats (IAM User Guide "IAM identifiers"). */

/** `/dev/` + `alice` -> `dev/alice`; `/` + `alice` -> `alice`. */
function pathPart(path: string, name: string): string {
  return `${path.replace(/^\//, '')}${name}`
}

export const arns = {
  root: (account: string) => `arn:aws:iam::${account}:root`,
  user: (account: string, path: string, name: string) => `arn:aws:iam::${account}:user/${pathPart(path, name)}`,
  role: (account: string, path: string, name: string) => `arn:aws:iam::${account}:role/${pathPart(path, name)}`,
  group: (account: string, path: string, name: string) => `arn:aws:iam::${account}:group/${pathPart(path, name)}`,
  policy: (account: string, path: string, name: string) => `arn:aws:iam::${account}:policy/${pathPart(path, name)}`,
  serverCertificate: (account: string, path: string, name: string) => `arn:aws:iam::${account}:server-certificate/${pathPart(path, name)}`,
  instanceProfile: (account: string, path: string, name: string) => `arn:aws:iam::${account}:instance-profile/${pathPart(path, name)}`,
  /** Session ARNs carry no role path and use the `sts` service. */
  assumedRole: (account: string, roleName: string, session: string) =>
    `arn:aws:sts::${account}:assumed-role/${roleName}/${session}`,
  bucket: (bucket: string) => `arn:aws:s3:::${bucket}`,
  object: (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`,
}

export interface ParsedArn {
  partition: string
  service: string
  region: string
  account: string
  resource: string
}

/** Split an ARN into its six parts, or undefined when it is not one. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':')
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return undefined
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(':'),
  }
}

/** For `arn:aws:iam::123:role/path/Name`: the role name (last path segment) and the account. */
export function parseRoleArn(arn: string): { account: string; path: string; name: string } | undefined {
  const p = parseArn(arn)
  if (!p || p.service !== 'iam' || !p.resource.startsWith('role/')) return undefined
  const rest = p.resource.slice('role/'.length)
  const slash = rest.lastIndexOf('/')
  const name = rest.slice(slash + 1)
  if (!name) return undefined
  return { account: p.account, path: slash < 0 ? '/' : `/${rest.slice(0, slash + 1)}`, name }
}
