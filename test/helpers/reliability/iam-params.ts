import { sampleValues } from '../../../src/actions/testing/samples.js'
import { type MemberSpec, memberSpecs } from '../../../src/aws-model/shapes.js'

/** Values for members the registry's samples do not name. */
const EXTRA: Record<string, string> = {
  NewPassword: 'Correct-Horse-10',
  OldPassword: 'Correct-Horse-9',
  NewUserName: 'alice2',
  NewGroupName: 'devs2',
  NewPath: '/',
  PolicyDocument: JSON.stringify(sampleValues.PolicyDocument),
  AssumeRolePolicyDocument: JSON.stringify(sampleValues.AssumeRolePolicyDocument),
  ResourceArns: 'arn:aws:s3:::iamflow-demo-bucket',
  ContextKeyName: 'aws:username',
  ContextKeyType: 'string',
  ContextKeyValues: 'alice',
  EntityFilter: 'User',
  Scope: 'Local',
}

function scalar(name: string, spec: MemberSpec): string {
  if (spec.enum?.length) return spec.enum[0]
  if (name in EXTRA) return EXTRA[name]
  const sample = sampleValues[name]
  if (typeof sample === 'string') return sample
  if (typeof sample === 'number') return String(sample)
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) return JSON.stringify(sample)
  if (Array.isArray(sample) && typeof sample[0] === 'string') return sample[0]
  if (spec.type === 'integer' || spec.type === 'long') return String(Math.max(spec.min ?? 1, name === 'MaxSessionDuration' ? 3600 : 1))
  if (spec.type === 'boolean') return 'false'
  return 'x'.repeat(Math.max(1, spec.min ?? 1))
}

function fill(prefix: string, name: string, spec: MemberSpec, out: Record<string, string>): void {
  if (spec.type === 'list' && spec.member) {
    if (spec.member.type === 'structure') {
      for (const m of spec.member.members ?? []) if (m.required || name === 'Tags') fill(`${prefix}.member.1.${m.name}`, m.name!, m, out)
      if (name === 'Tags') {
        out[`${prefix}.member.1.Key`] = 'team'
        out[`${prefix}.member.1.Value`] = 'blue'
      }
    } else out[`${prefix}.member.1`] = name === 'PolicyInputList' ? EXTRA.PolicyDocument : scalar(name.replace(/s$/, ''), spec.member)
    return
  }
  if (spec.type === 'structure') {
    for (const m of spec.members ?? []) if (m.required) fill(`${prefix}.${m.name}`, m.name!, m, out)
    return
  }
  out[prefix] = scalar(name, spec)
}

/** Valid Query parameters (required members only) for an IAM operation the emulator implements. */
export function iamQueryParams(operation: string): Record<string, string> {
  const out: Record<string, string> = {}
  // Password: optional in the model (the console may generate one) but required by CreateLoginProfile here.
  for (const spec of memberSpecs('iam', operation) ?? []) if (spec.required || spec.name === 'Password') fill(spec.name!, spec.name!, spec, out)
  return out
}
