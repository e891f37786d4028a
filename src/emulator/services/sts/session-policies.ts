import { deflateRawSync } from 'node:zlib'
import { compileText } from '../../authz/engine.js'
import { AwsServiceError } from '../types.js'
import { Validator } from '../validation.js'

/** Plaintext limit for inline + managed session policies (STS API Reference, AssumeRole). */
export const SESSION_POLICY_PLAINTEXT_LIMIT = 2048
export const SESSION_POLICY_ARN_LIMIT = 10

/**
 * Allotted packed space (bytes after compression) that PackedPolicySize is a percentage of.
 * AWS does not publish its packing; this keeps typical sessions at a few percent and rejects
 * the same order of magnitude of tags/policies that AWS rejects.
 */
const PACKED_ALLOTMENT = 1024

/** Validate the session policies of an AssumeRole call, as STS does. */
export function checkSessionPolicies(policy: string | undefined, policyArns: string[]): void {
  const v = new Validator()
  v.list(policyArns, 'policyArns', { max: SESSION_POLICY_ARN_LIMIT })
  if (policy !== undefined) v.string(policy, 'policy', { max: SESSION_POLICY_PLAINTEXT_LIMIT })
  v.throwIfAny()
  const plaintext = (policy?.length ?? 0) + policyArns.reduce((n, a) => n + a.length, 0)
  if (plaintext > SESSION_POLICY_PLAINTEXT_LIMIT) {
    throw new AwsServiceError(
      'PackedPolicyTooLarge',
      400,
      `Session policies exceed the plaintext limit of ${SESSION_POLICY_PLAINTEXT_LIMIT} characters (${plaintext} given).`,
    )
  }
  if (policy !== undefined) {
    const compiled = compileText(policy, 'session')
    if (!compiled.ok) throw new AwsServiceError('MalformedPolicyDocument', 400, compiled.error.message)
  }
  for (const arn of policyArns) {
    if (!/^arn:aws:iam::(aws|\d{12}):policy\/.+/.test(arn)) {
      throw new AwsServiceError('MalformedPolicyDocument', 400, `The policy ARN ${arn} is invalid.`)
    }
  }
}

/**
 * PackedPolicySize (percent of the allotted space) for policies and session tags, or undefined
 * when neither was passed. Over 100 -> PackedPolicyTooLarge.
 */
export function packedPolicySize(policy: string | undefined, policyArns: string[], tags: Array<{ Key: string; Value: string }>): number | undefined {
  if (policy === undefined && policyArns.length === 0 && tags.length === 0) return undefined
  const packed = deflateRawSync(Buffer.from(JSON.stringify([policy ? JSON.stringify(JSON.parse(policy)) : '', policyArns, tags]))).length
  const percent = Math.max(1, Math.ceil((packed / PACKED_ALLOTMENT) * 100))
  if (percent > 100) {
    const what = policy === undefined && policyArns.length === 0 ? 'session tags' : tags.length === 0 ? 'session policies' : 'session policies and session tags'
    throw new AwsServiceError('PackedPolicyTooLarge', 400, `Packed size of ${what} consumes ${percent}% of allotted space.`)
  }
  return percent
}
