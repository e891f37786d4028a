import { AwsServiceError } from '../types.js'
import { inputMember, modelShape } from '../../../aws-model/shapes.js'
import { asList } from '../../protocols/query-parse.js'
import { ownGet } from '../../../safe-object.js'
import { scalarOf } from '../validation-message.js'
import type { StsInputs } from '../../../aws-model/inputs.generated.js'
import { type ModelMembers, Validator } from '../validation.js'

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

/** A scalar member of a list element (a structure), read as its own property. */
function member(item: unknown, name: string): string | undefined {
  return item !== null && typeof item === 'object' ? scalarOf(ownGet(item as Record<string, unknown>, name)) : undefined
}

/** The model's constraints of one AssumeRole member (or of its list element / structure member). */
const shape = (member: string) => inputMember('sts', 'AssumeRole', member)!
const element = (member: string) => modelShape('sts', shape(member).member!)
const field = (member: string, field: string) => modelShape('sts', element(member).members![field]!)

/** Check every model constraint of AssumeRoleRequest (botocore sts 2011-06-15), AWS wording. */
export function validateAssumeRole(input: AssumeRoleRaw): AssumeRoleInput {
  const raw = scalarMembers(input)
  const v = new Validator()
  if (v.required(raw.RoleArn, 'roleArn')) v.string(raw.RoleArn, 'roleArn', shape('RoleArn'))
  if (v.required(raw.RoleSessionName, 'roleSessionName')) v.string(raw.RoleSessionName, 'roleSessionName', shape('RoleSessionName'))
  const duration = v.integer(raw.DurationSeconds, 'durationSeconds', shape('DurationSeconds'))
  v.string(raw.Policy, 'policy', shape('Policy'))
  const policyArns = asList<unknown>(raw.PolicyArns).map((p, i) => {
    const arn = member(p, 'arn')
    v.string(arn, `policyArns.${i + 1}.member.arn`, field('PolicyArns', 'arn'))
    return arn ?? ''
  })
  const tags = asList<unknown>(raw.Tags).map((t, i) => {
    const key = member(t, 'Key')
    const value = member(t, 'Value')
    if (v.required(key, `tags.${i + 1}.member.key`)) v.string(key, `tags.${i + 1}.member.key`, field('Tags', 'Key'))
    if (v.required(value, `tags.${i + 1}.member.value`)) v.string(value, `tags.${i + 1}.member.value`, field('Tags', 'Value'))
    return { Key: key ?? '', Value: value ?? '' }
  })
  v.list(tags, 'tags', shape('Tags'))
  const transitiveTagKeys = asList<unknown>(raw.TransitiveTagKeys).map((k) => scalarOf(k) ?? '')
  v.list(transitiveTagKeys, 'transitiveTagKeys', shape('TransitiveTagKeys'))
  transitiveTagKeys.forEach((k, i) => v.string(k, `transitiveTagKeys.${i + 1}.member`, element('TransitiveTagKeys')))
  v.string(raw.ExternalId, 'externalId', shape('ExternalId'))
  v.string(raw.SerialNumber, 'serialNumber', shape('SerialNumber'))
  v.string(raw.TokenCode, 'tokenCode', shape('TokenCode'))
  v.string(raw.SourceIdentity, 'sourceIdentity', shape('SourceIdentity'))
  v.throwIfAny()
  // Tag keys are case-insensitive: `team` and `Team` in one request are refused (AWS, as
  // recorded in LocalStack's test_assume_role_tag_validation).
  const seen = new Set<string>()
  for (const t of tags) {
    if (seen.has(t.Key.toLowerCase())) throw new AwsServiceError('InvalidParameterValue', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.')
    seen.add(t.Key.toLowerCase())
  }
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
