import { inputMember, modelShape } from '../../../aws-model/shapes.js'
import { asList } from '../../protocols/query-parse.js'
import { ownGet } from '../../../safe-object.js'
import { scalarOf } from '../validation-message.js'
import { Validator } from '../validation.js'

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
const arnShape = () => modelShape('sts', modelShape('sts', shape('PolicyArns').member!).members!.arn!)

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
  const policyArns = asList<unknown>(ownGet(input, 'PolicyArns')).map((p, i) => {
    const arn = p !== null && typeof p === 'object' ? scalarOf(ownGet(p as Record<string, unknown>, 'arn')) : undefined
    v.string(arn, `policyArns.${i + 1}.member.arn`, arnShape())
    return arn ?? ''
  })
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
