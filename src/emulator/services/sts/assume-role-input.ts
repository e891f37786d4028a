import { inputMember, modelShape } from '../../../aws-model/shapes.js'
import { asList } from '../../protocols/query-parse.js'
import { ownGet } from '../../../safe-object.js'
import { scalarOf } from '../validation-message.js'
import { AwsServiceError } from '../types.js'
import type { StsInputs } from '../../../aws-model/inputs.generated.js'
import { type ModelMembers, Validator } from '../validation.js'
import { policyArnsOf, sessionTagsOf } from './input-lists.js'

/** AssumeRole input as the Query layer delivers it (strings). */
export interface AssumeRoleRaw {
  RoleArn?: string
  RoleSessionName?: string
  DurationSeconds?: string
  Policy?: string
  PolicyArns?: unknown
  Tags?: unknown
  TransitiveTagKeys?: unknown
  ExternalId?: string
  SerialNumber?: string
  TokenCode?: string
  SourceIdentity?: string
}

type RawMembersAreModelled = ModelMembers<keyof AssumeRoleRaw, keyof StsInputs['AssumeRole']>

/** AssumeRole input after model validation. */
export interface AssumeRoleInput {
  roleArn: string
  sessionName: string
  duration?: number
  policy?: string
  policyArns: string[]
  tags: Array<{ Key: string; Value: string }>
  transitiveTagKeys: string[]
  externalId?: string
  serialNumber?: string
  tokenCode?: string
  sourceIdentity?: string
}

/** The scalar members as strings (a structure where a scalar belongs is absent, as on AWS). */
function scalarMembers(input: AssumeRoleRaw): AssumeRoleRaw {
  const s = (k: keyof AssumeRoleRaw) => scalarOf(ownGet(input as Record<string, unknown>, k))
  return {
    RoleArn: s('RoleArn'),
    RoleSessionName: s('RoleSessionName'),
    DurationSeconds: s('DurationSeconds'),
    Policy: s('Policy'),
    PolicyArns: ownGet(input as Record<string, unknown>, 'PolicyArns'),
    Tags: ownGet(input as Record<string, unknown>, 'Tags'),
    TransitiveTagKeys: ownGet(input as Record<string, unknown>, 'TransitiveTagKeys'),
    ExternalId: s('ExternalId'),
    SerialNumber: s('SerialNumber'),
    TokenCode: s('TokenCode'),
    SourceIdentity: s('SourceIdentity'),
  }
}


/** The model's constraints of one AssumeRole member (or of its list element / structure member). */
const shape = (member: string) => inputMember('sts', 'AssumeRole', member)!
const element = (member: string) => modelShape('sts', shape(member).member!)

/** Check every model constraint of AssumeRoleRequest (botocore sts 2011-06-15), AWS wording. */
export function validateAssumeRole(input: AssumeRoleRaw): AssumeRoleInput {
  const raw = scalarMembers(input)
  const v = new Validator()
  if (v.required(raw.RoleArn, 'roleArn')) v.string(raw.RoleArn, 'roleArn', shape('RoleArn'))
  if (v.required(raw.RoleSessionName, 'roleSessionName')) v.string(raw.RoleSessionName, 'roleSessionName', shape('RoleSessionName'))
  const duration = v.integer(raw.DurationSeconds, 'durationSeconds', shape('DurationSeconds'))
  v.string(raw.Policy, 'policy', shape('Policy'))
  const policyArns = policyArnsOf(v, 'AssumeRole', raw.PolicyArns)
  const tags = sessionTagsOf(v, 'AssumeRole', raw.Tags)
  const transitiveTagKeys = asList<unknown>(raw.TransitiveTagKeys).map((k) => scalarOf(k) ?? '')
  v.list(transitiveTagKeys, 'transitiveTagKeys', shape('TransitiveTagKeys'))
  transitiveTagKeys.forEach((k, i) => v.string(k, `transitiveTagKeys.${i + 1}.member`, element('TransitiveTagKeys')))
  v.string(raw.ExternalId, 'externalId', shape('ExternalId'))
  v.string(raw.SerialNumber, 'serialNumber', shape('SerialNumber'))
  v.string(raw.TokenCode, 'tokenCode', shape('TokenCode'))
  v.string(raw.SourceIdentity, 'sourceIdentity', shape('SourceIdentity'))
  v.throwIfAny()
  checkSessionTags(tags, transitiveTagKeys)
  return {
    roleArn: raw.RoleArn!,
    sessionName: raw.RoleSessionName!,
    ...(duration !== undefined ? { duration } : {}),
    ...(raw.Policy !== undefined ? { policy: raw.Policy } : {}),
    policyArns,
    tags,
    transitiveTagKeys,
    ...(raw.ExternalId !== undefined ? { externalId: raw.ExternalId } : {}),
    ...(raw.SerialNumber !== undefined ? { serialNumber: raw.SerialNumber } : {}),
    ...(raw.TokenCode !== undefined ? { tokenCode: raw.TokenCode } : {}),
    ...(raw.SourceIdentity !== undefined ? { sourceIdentity: raw.SourceIdentity } : {}),
  }
}

/**
 * Session tag keys are case-insensitive ("you cannot have separate Department and department
 * tag keys", botocore AssumeRoleRequest.Tags) and every transitive key must name a requested tag,
 * in any case. Texts recorded from AWS: LocalStack tests/aws/services/sts/test_sts.snapshot.json
 * (main 8b9a79f, recorded 2025-04-10) test_assume_role_tag_validation.
 */
function checkSessionTags(tags: readonly { Key: string }[], transitiveTagKeys: readonly string[]): void {
  const keys = new Set<string>()
  for (const t of tags) {
    const k = t.Key.toLowerCase()
    if (keys.has(k)) throw new AwsServiceError('InvalidParameterValue', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    keys.add(k)
  }
  for (const k of transitiveTagKeys) {
    if (!keys.has(k.toLowerCase())) throw new AwsServiceError('InvalidParameterValue', 400, 'The specified transitive tag key must be included in the requested tags.')
  }
}
