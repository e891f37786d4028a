import { asList } from '../../protocols/query-parse.js'
import { ownGet } from '../../../safe-object.js'
import { Validator } from '../validation.js'
import { scalarOf } from '../validation-message.js'

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

const TAG_KEY = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+'
const TAG_VALUE = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*'
const ARN = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]+'

/** Check every model constraint of AssumeRoleRequest (botocore sts 2011-06-15), AWS wording. */
export function validateAssumeRole(input: AssumeRoleRaw): AssumeRoleInput {
  const raw = scalarMembers(input)
  const v = new Validator()
  if (v.required(raw.RoleArn, 'roleArn')) v.string(raw.RoleArn, 'roleArn', { min: 20, max: 2048, pattern: ARN })
  if (v.required(raw.RoleSessionName, 'roleSessionName')) {
    v.string(raw.RoleSessionName, 'roleSessionName', { min: 2, max: 64, pattern: '[\\w+=,.@-]*' })
  }
  const duration = v.integer(raw.DurationSeconds, 'durationSeconds', { min: 900, max: 43200 })
  v.string(raw.Policy, 'policy', { min: 1, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' })
  const policyArns = asList<unknown>(raw.PolicyArns).map((p, i) => {
    const arn = member(p, 'arn')
    v.string(arn, `policyArns.${i + 1}.member.arn`, { min: 20, max: 2048, pattern: ARN })
    return arn ?? ''
  })
  const tags = asList<unknown>(raw.Tags).map((t, i) => {
    const key = member(t, 'Key')
    const value = member(t, 'Value')
    if (v.required(key, `tags.${i + 1}.member.key`)) v.string(key, `tags.${i + 1}.member.key`, { min: 1, max: 128, pattern: TAG_KEY })
    if (v.required(value, `tags.${i + 1}.member.value`)) {
      v.string(value, `tags.${i + 1}.member.value`, { min: 0, max: 256, pattern: TAG_VALUE })
    }
    return { Key: key ?? '', Value: value ?? '' }
  })
  v.list(tags, 'tags', { max: 50 })
  const transitiveTagKeys = asList<unknown>(raw.TransitiveTagKeys).map((k) => scalarOf(k) ?? '')
  v.list(transitiveTagKeys, 'transitiveTagKeys', { max: 50 })
  transitiveTagKeys.forEach((k, i) => v.string(k, `transitiveTagKeys.${i + 1}.member`, { min: 1, max: 128, pattern: TAG_KEY }))
  v.string(raw.ExternalId, 'externalId', { min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*' })
  v.string(raw.SerialNumber, 'serialNumber', { min: 9, max: 256, pattern: '[\\w+=/:,.@-]*' })
  v.string(raw.TokenCode, 'tokenCode', { min: 6, max: 6, pattern: '[\\d]*' })
  v.string(raw.SourceIdentity, 'sourceIdentity', { min: 2, max: 64, pattern: '[\\w+=,.@-]*' })
  v.throwIfAny()
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
