import { inputMember } from '../../../aws-model/shapes.js'
import { ownGet } from '../../../safe-object.js'
import { scalarOf } from '../validation-message.js'
import { Validator } from '../validation.js'
import { policyArnsOf } from './input-lists.js'

/** AssumeRoleWithSAML input after model validation (botocore sts 2011-06-15). */
export interface SamlInput {
  roleArn: string
  principalArn: string
  assertion: string
  duration?: number
  policy?: string
  policyArns: string[]
}

const shape = (member: string) => inputMember('sts', 'AssumeRoleWithSAML', member)!

/** Check every model constraint of AssumeRoleWithSAMLRequest (SAMLAssertion: 4..100,000), in AWS's wording. */
export function validateSaml(input: Record<string, unknown>): SamlInput {
  const s = (k: string) => scalarOf(ownGet(input, k))
  const raw = { roleArn: s('RoleArn'), principalArn: s('PrincipalArn'), assertion: s('SAMLAssertion'), duration: s('DurationSeconds'), policy: s('Policy') }
  const v = new Validator()
  if (v.required(raw.roleArn, 'roleArn')) v.string(raw.roleArn, 'roleArn', shape('RoleArn'))
  if (v.required(raw.principalArn, 'principalArn')) v.string(raw.principalArn, 'principalArn', shape('PrincipalArn'))
  if (v.required(raw.assertion, 'sAMLAssertion')) v.string(raw.assertion, 'sAMLAssertion', shape('SAMLAssertion'))
  const duration = v.integer(raw.duration, 'durationSeconds', shape('DurationSeconds'))
  v.string(raw.policy, 'policy', shape('Policy'))
  const policyArns = policyArnsOf(v, 'AssumeRoleWithSAML', ownGet(input, 'PolicyArns'))
  v.throwIfAny()
  return {
    roleArn: raw.roleArn!,
    principalArn: raw.principalArn!,
    assertion: raw.assertion!,
    ...(duration !== undefined ? { duration } : {}),
    ...(raw.policy !== undefined ? { policy: raw.policy } : {}),
    policyArns,
  }
}
