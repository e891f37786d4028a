import { compilePolicy, policySize } from '../../../policy/index.js'
import type { CompiledPolicy, PolicyKind } from '../../../policy/types.js'
import { AwsServiceError } from '../types.js'

/**
 * Policy documents as IAM receives them: JSON text, validated by the policy engine for the
 * slot they fill (AWS's MalformedPolicyDocument messages), measured as IAM's quotas measure
 * (insignificant whitespace excluded). The text is stored exactly as given.
 */

export interface CheckedDocument {
  text: string
  policy: CompiledPolicy
  size: number
}

/** Validate `text` for `kind` (`managed` for CreatePolicy/CreatePolicyVersion); throws AWS's error. */
export function checkDocument(text: string, kind: PolicyKind, opts: { managed?: boolean } = {}): CheckedDocument {
  const result = compilePolicy(text, kind, opts)
  if (!result.ok) throw new AwsServiceError(result.error.code || 'MalformedPolicyDocument', 400, result.error.message)
  return { text, policy: result.policy, size: policySize(text) }
}

/** Size of stored document text as IAM counts it (for aggregate inline quotas). */
export function documentSize(text: string): number {
  return policySize(text)
}
