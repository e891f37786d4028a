import type { ContextValue } from '../../../policy/types.js'
import { arns, parseRoleArn } from '../../arn.js'
import type { EmulatorState, RoleEntity, Tag } from '../../state/model.js'
import { AwsServiceError, type Operation } from '../types.js'
import { credentialsOutput, issueSession } from './credentials.js'
import { validateAssumeRole, type AssumeRoleInput, type AssumeRoleRaw } from './assume-role-input.js'
import { checkSessionPolicies, packedPolicySize } from './session-policies.js'
import { checkMfa } from './mfa.js'
import { dict } from '../../../safe-object.js'

/** Role chaining caps sessions at one hour (IAM User Guide, "Role chaining"). */
const CHAINED_MAX_SECONDS = 3600

/**
 * A trust policy that allows nobody: stands in for a role that does not exist (or is not yet
 * visible), so the caller gets exactly the AccessDenied a real refusal gives and AWS never
 * reveals whether the role exists.
 */
const NOBODY_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'nobody.iamflow.invalid' }, Action: 'sts:AssumeRole' }],
})

/** The role an ARN names, once STS can see it (also used by the federation operations). */
export function visibleRole(state: EmulatorState, now: number, roleArn: string): RoleEntity | undefined {
  const parsed = parseRoleArn(roleArn)
  if (!parsed) return undefined
  const role = state.accounts.get(parsed.account)?.roles.get(parsed.name.toLowerCase())
  if (!role || role.arn !== roleArn) return undefined
  // Consistency delay: a new role is not yet visible to STS; a replaced trust policy is, until
  // the new one is effective (old or new, never neither: docs/fidelity.md).
  if (role.trustEffectiveAt <= now) return role
  return role.previousTrust !== undefined ? { ...role, trustPolicy: role.previousTrust } : undefined
}

/** Condition keys an AssumeRole request carries (trust policies test them). */
function assumeContext(input: AssumeRoleInput, mfaAge: number | undefined): Record<string, ContextValue | undefined> {
  const ctx = dict<ContextValue | undefined>()
  ctx['sts:RoleSessionName'] = input.sessionName
  ctx['sts:ExternalId'] = input.externalId
  ctx['sts:SourceIdentity'] = input.sourceIdentity
  if (input.tags.length) {
    for (const t of input.tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value
    ctx['aws:TagKeys'] = input.tags.map((t) => t.Key)
  }
  if (input.transitiveTagKeys.length) ctx['sts:TransitiveTagKeys'] = input.transitiveTagKeys
  // Only a code the MFA check accepted counts (checkMfa refuses any other before this).
  if (mfaAge !== undefined) {
    ctx['aws:MultiFactorAuthPresent'] = true
    ctx['aws:MultiFactorAuthAge'] = mfaAge
  }
  return ctx
}

/**
 * AssumeRole (STS API Reference; spec 4): validates every parameter, refuses the root user,
 * authorizes against the trust policy AND (cross-account, or account-wide trust) the caller's
 * identity policies, applies the duration rules, and issues ASIA credentials for the session.
 */
export const assumeRole: Operation<AssumeRoleRaw> = (ctx, raw) => {
  const input = validateAssumeRole(raw)
  const caller = ctx.caller
  if (caller.kind === 'root' || caller.principal.type === 'Account') {
    throw new AwsServiceError('AccessDenied', 403, 'Roles may not be assumed by root accounts.')
  }
  checkSessionPolicies(input.policy, input.policyArns)
  const mfa = checkMfa(ctx, input.serialNumber, input.tokenCode)

  const role = visibleRole(ctx.state, ctx.now, input.roleArn)
  const resourceAccount = role?.arn.split(':')[4] ?? parseRoleArn(input.roleArn)?.account ?? caller.account.id
  const trustPolicy = role?.trustPolicy ?? NOBODY_TRUST
  const context = assumeContext(input, mfa.present ? Math.floor((ctx.now - mfa.authTime) / 1000) : undefined)
  ctx.authorize('sts:AssumeRole', input.roleArn, { resourceAccount, trustPolicy, context })
  if (input.tags.length || input.transitiveTagKeys.length) {
    ctx.authorize('sts:TagSession', input.roleArn, { resourceAccount, trustPolicy, context })
  }
  if (input.sourceIdentity !== undefined) {
    ctx.authorize('sts:SetSourceIdentity', input.roleArn, { resourceAccount, trustPolicy, context })
  }
  // The trust policy must allow the caller: never issue a session for a role that is not there.
  const target = role
  if (!target) {
    throw new AwsServiceError('AccessDenied', 403, `User: ${caller.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`)
  }

  const parent = caller.session
  const chained = parent?.kind === 'assumed-role'
  if (chained && input.duration !== undefined && input.duration > CHAINED_MAX_SECONDS) {
    throw new AwsServiceError('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.')
  }
  if (input.duration !== undefined && input.duration > target.maxSessionDuration) {
    throw new AwsServiceError('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  const seconds = input.duration ?? 3600

  // Transitive tags of the calling session carry over to the chained session.
  const inherited: Tag[] = chained ? (parent.sessionTags ?? []).filter((t) => parent.transitiveTagKeys?.some((k) => k.toLowerCase() === t.Key.toLowerCase())) : []
  // A new tag may not replace an inherited transitive one, in any case (botocore AssumeRole
  // Tags: "If you pass a session tag with the same key as an inherited tag, the operation
  // fails"; text recorded in LocalStack test_sts snapshot 8b9a79f,
  // test_iam_role_chaining_override_transitive_tags).
  if (inherited.some((t) => input.tags.some((n) => n.Key.toLowerCase() === t.Key.toLowerCase()))) {
    throw new AwsServiceError('InvalidParameterValue', 400, "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.")
  }
  const tags = [...inherited, ...input.tags]
  const transitive = [...new Set([...(chained ? parent.transitiveTagKeys ?? [] : []), ...input.transitiveTagKeys])]
  const packed = packedPolicySize(input.policy, input.policyArns, input.tags)
  const sourceIdentity = input.sourceIdentity ?? parent?.sourceIdentity

  const sessionPolicy =
    input.policy !== undefined || input.policyArns.length
      ? { ...(input.policy !== undefined ? { inline: input.policy } : {}), arns: input.policyArns }
      : undefined
  const session = issueSession(ctx.state, ctx.now, {
    expiration: ctx.now + seconds * 1000,
    kind: 'assumed-role',
    accountId: resourceAccount,
    roleId: target.id,
    roleName: target.name,
    roleArn: target.arn,
    sessionName: input.sessionName,
    ...(sessionPolicy ? { sessionPolicy } : {}),
    ...(tags.length ? { sessionTags: tags } : {}),
    ...(transitive.length ? { transitiveTagKeys: transitive } : {}),
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    chained,
    // A chained session keeps the MFA context of the session that assumed it.
    mfa: mfa.present || (parent?.mfa ?? false),
    ...(mfa.present ? { mfaAuthTime: mfa.authTime } : parent?.mfaAuthTime !== undefined ? { mfaAuthTime: parent.mfaAuthTime } : {}),
    parentAccessKeyId: caller.accessKeyId,
  })

  return {
    Credentials: credentialsOutput(session),
    AssumedRoleUser: {
      AssumedRoleId: `${target.id}:${input.sessionName}`,
      Arn: arns.assumedRole(resourceAccount, target.name, input.sessionName),
    },
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
  }
}
