import { inputMember, modelShape } from '../../../aws-model/shapes.js'
import { asList } from '../../protocols/query-parse.js'
import { ownGet } from '../../../safe-object.js'
import type { Validator } from '../validation.js'
import { scalarOf } from '../validation-message.js'

/**
 * The list members the STS operations that issue sessions share (`PolicyArns`, `Tags`), read
 * and checked against the operation's model in AWS's wording (`policyArns.1.member.arn`). The
 * elements are read as own properties only (src/safe-object.ts).
 */
type SessionOperation = 'AssumeRole' | 'AssumeRoleWithSAML' | 'AssumeRoleWithWebIdentity' | 'GetFederationToken'

/** A scalar member of a list element (a structure), read as its own property. */
function member(item: unknown, name: string): string | undefined {
  return item !== null && typeof item === 'object' ? scalarOf(ownGet(item as Record<string, unknown>, name)) : undefined
}

/** The model shape of `field` in the elements of list member `list` of `operation`'s input. */
function elementField(operation: SessionOperation, list: string, field: string) {
  return modelShape('sts', modelShape('sts', inputMember('sts', operation, list)!.member!).members![field]!)
}

/** `PolicyArns`: the managed session policies' ARNs, each checked against the model. */
export function policyArnsOf(v: Validator, operation: SessionOperation, raw: unknown): string[] {
  return asList<unknown>(raw).map((p, i) => {
    const arn = member(p, 'arn')
    v.string(arn, `policyArns.${i + 1}.member.arn`, elementField(operation, 'PolicyArns', 'arn'))
    return arn ?? ''
  })
}

/** `Tags`: session tags, each key and value required and checked, and the list's length. */
export function sessionTagsOf(v: Validator, operation: SessionOperation, raw: unknown): Array<{ Key: string; Value: string }> {
  const tags = asList<unknown>(raw).map((t, i) => {
    const key = member(t, 'Key')
    const value = member(t, 'Value')
    if (v.required(key, `tags.${i + 1}.member.key`)) v.string(key, `tags.${i + 1}.member.key`, elementField(operation, 'Tags', 'Key'))
    if (v.required(value, `tags.${i + 1}.member.value`)) v.string(value, `tags.${i + 1}.member.value`, elementField(operation, 'Tags', 'Value'))
    return { Key: key ?? '', Value: value ?? '' }
  })
  v.list(tags, 'tags', inputMember('sts', operation, 'Tags')!)
  return tags
}
