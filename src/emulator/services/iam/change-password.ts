import type { LoginProfile, PasswordPolicyEntity } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { hashPassword, passwordMatches } from './password-hash.js'
import { checkPassword, violation } from './password-policy.js'
import { accountOf, requireUser } from './store.js'

/**
 * ChangePassword (IAM API Reference): an IAM user changes its own console password. Refused to
 * anyone else with InvalidUserType (AWS CLI's example for change-password: root credentials get
 * InvalidUserType); authorized as `iam:ChangePassword` on the user's own ARN, which the password
 * policy's AllowUsersToChangePassword grants to every user (IAM User Guide, "Set an account
 * password policy": the setting lets all users change their own password without a policy; an
 * explicit Deny still wins, inferred). The old password must match, the new one must satisfy the
 * policy and must not be one of the last PasswordReusePrevention passwords; with HardExpiry an
 * expired password cannot be changed by the user (an administrator resets it).
 */

/** PasswordReusePrevention's maximum (API Reference: 1..24). */
export const MAX_REMEMBERED_PASSWORDS = 24
const DAY_MS = 86_400_000

// Unconfirmed texts (no recording of AWS found; docs/fidelity.md lists them).
const wrongOldPassword = () => new AwsServiceError('AccessDenied', 403, 'The old password is incorrect.')
const expiredHard = () => new AwsServiceError('AccessDenied', 403, 'Your password has expired and must be reset by an administrator.')

/** The calling IAM user's name (a user's own keys, or its GetSessionToken session), if the caller is one. */
function callingUser(ctx: OpContext): string | undefined {
  const { caller } = ctx
  const name =
    caller.kind === 'user'
      ? caller.principal.username ?? caller.key?.userName
      : caller.kind === 'session' && caller.session?.kind === 'session-token'
        ? caller.session.userName
        : undefined
  return name
}

const notAUser = () => new AwsServiceError('InvalidUserType', 400, 'Only IAM users can change their own password.')

/** Whether the profile's password is older than the policy's MaxPasswordAge. */
export function passwordExpired(profile: LoginProfile, policy: PasswordPolicyEntity | undefined, now: number): boolean {
  if (policy?.maxPasswordAge === undefined) return false
  return now >= (profile.passwordChangedAt ?? profile.createDate) + policy.maxPasswordAge * DAY_MS
}

/** Set `password` as the profile's password, remembering the one it replaces. */
export function setPassword(profile: LoginProfile, password: string, now: number): void {
  if (profile.passwordHash !== undefined) profile.previousHashes = [profile.passwordHash, ...(profile.previousHashes ?? [])].slice(0, MAX_REMEMBERED_PASSWORDS - 1)
  profile.passwordHash = hashPassword(password)
  profile.passwordChangedAt = now
}

export const changePasswordOperations = defineOps({
  ChangePassword(ctx, input) {
    const account = accountOf(ctx)
    const policy = account.iam?.passwordPolicy
    const name = callingUser(ctx)
    // AllowUsersToChangePassword is for IAM users: roots and role sessions need a policy.
    const grant = name !== undefined && policy?.allowUsersToChangePassword ? { accountGrant: 'the account password policy allows users to change their own password' } : {}
    ctx.authorize('iam:ChangePassword', ctx.caller.principal.arn, grant)
    if (name === undefined) throw notAUser()
    const user = requireUser(account, name)
    const profile = user.loginProfile
    if (!profile) throw iamErrors.noSuchLoginProfile(user.name)
    // A profile from a state written before passwords were hashed cannot be checked.
    if (profile.passwordHash !== undefined && !passwordMatches(input.OldPassword, profile.passwordHash)) throw wrongOldPassword()
    if (policy?.hardExpiry && passwordExpired(profile, policy, ctx.now)) throw expiredHard()
    checkPassword(account, input.NewPassword)
    const remembered = policy?.passwordReusePrevention ?? 0
    if (remembered > 0) {
      const recent = [profile.passwordHash, ...(profile.previousHashes ?? [])].filter((h): h is string => h !== undefined).slice(0, remembered)
      if (recent.some((h) => passwordMatches(input.NewPassword, h))) throw violation(`Password should not be one of your ${remembered} previous passwords`)
    }
    setPassword(profile, input.NewPassword, ctx.now)
    profile.passwordResetRequired = false
    return undefined
  },
})
