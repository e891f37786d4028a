import type { AccountState, PasswordPolicyEntity } from '../../state/model.js'
import { AwsServiceError } from '../types.js'
import { authorize } from './access.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { accountOf } from './store.js'

/**
 * The account password policy (Update/Get/DeleteAccountPasswordPolicy) and its enforcement on
 * every password IAM accepts (CreateLoginProfile, UpdateLoginProfile, ChangePassword). Without a
 * custom policy AWS applies its default one: at least 8 characters and three of the four
 * character types (IAM User Guide, "Set an account password policy for IAM users").
 */

/** The characters AWS counts as symbols (IAM User Guide, password policy). */
const SYMBOLS = new Set("!@#$%^&*()_+-=[]{}|'")

const noPolicy = () => new AwsServiceError('NoSuchEntity', 404, 'The Password Policy with domain name ACCOUNT cannot be found.')
export const violation = (message: string) => new AwsServiceError('PasswordPolicyViolation', 400, message)

interface Kinds {
  upper: boolean
  lower: boolean
  number: boolean
  symbol: boolean
}

function kindsOf(password: string): Kinds {
  const k: Kinds = { upper: false, lower: false, number: false, symbol: false }
  for (const c of password) {
    if (c >= 'A' && c <= 'Z') k.upper = true
    else if (c >= 'a' && c <= 'z') k.lower = true
    else if (c >= '0' && c <= '9') k.number = true
    else if (SYMBOLS.has(c)) k.symbol = true
  }
  return k
}

const REQUIREMENT: Record<keyof Kinds, string> = {
  upper: 'Password should have at least one uppercase letter',
  lower: 'Password should have at least one lowercase letter',
  number: 'Password should have at least one number',
  symbol: 'Password should have at least one symbol',
}
const ORDER: Array<keyof Kinds> = ['upper', 'lower', 'number', 'symbol']

/** Throw AWS's PasswordPolicyViolation when `password` breaks the account's (or the default) policy. */
export function checkPassword(account: AccountState, password: string): void {
  const policy = account.iam?.passwordPolicy
  const kinds = kindsOf(password)
  if (!policy) {
    if (password.length < 8) throw violation('Password should have a minimum length of 8')
    const missing = ORDER.filter((k) => !kinds[k])
    // Observed on AWS with two types missing: "Password should meet 1 more of the following requirements: ...".
    if (missing.length > 1) throw violation(`Password should meet ${missing.length - 1} more of the following requirements: ${missing.map((k) => REQUIREMENT[k]).join(', ')}`)
    return
  }
  if (password.length < policy.minimumPasswordLength) throw violation(`Password should have a minimum length of ${policy.minimumPasswordLength}`)
  const required: Record<keyof Kinds, boolean> = {
    upper: policy.requireUppercaseCharacters,
    lower: policy.requireLowercaseCharacters,
    number: policy.requireNumbers,
    symbol: policy.requireSymbols,
  }
  const broken = ORDER.filter((k) => required[k] && !kinds[k])
  if (broken.length > 0) throw violation(broken.map((k) => REQUIREMENT[k]).join(', '))
}

function policyOut(p: PasswordPolicyEntity) {
  return {
    MinimumPasswordLength: p.minimumPasswordLength,
    RequireSymbols: p.requireSymbols,
    RequireNumbers: p.requireNumbers,
    RequireUppercaseCharacters: p.requireUppercaseCharacters,
    RequireLowercaseCharacters: p.requireLowercaseCharacters,
    AllowUsersToChangePassword: p.allowUsersToChangePassword,
    ExpirePasswords: p.maxPasswordAge !== undefined,
    MaxPasswordAge: p.maxPasswordAge,
    PasswordReusePrevention: p.passwordReusePrevention,
    HardExpiry: p.hardExpiry,
  }
}

export const passwordPolicyOperations = defineOps({
  UpdateAccountPasswordPolicy(ctx, input) {
    authorize(ctx, 'UpdateAccountPasswordPolicy', '*')
    // Omitted members take AWS's defaults (API Reference): length 6, nothing required, no expiry.
    const policy: PasswordPolicyEntity = {
      minimumPasswordLength: input.MinimumPasswordLength ?? 6,
      requireSymbols: input.RequireSymbols ?? false,
      requireNumbers: input.RequireNumbers ?? false,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    }
    if (input.MaxPasswordAge !== undefined) policy.maxPasswordAge = input.MaxPasswordAge
    if (input.PasswordReusePrevention !== undefined) policy.passwordReusePrevention = input.PasswordReusePrevention
    if (input.HardExpiry !== undefined) policy.hardExpiry = input.HardExpiry
    extrasOf(accountOf(ctx)).passwordPolicy = policy
    return undefined
  },

  GetAccountPasswordPolicy(ctx, _input: Record<string, never>) {
    authorize(ctx, 'GetAccountPasswordPolicy', '*')
    const policy = accountOf(ctx).iam?.passwordPolicy
    if (!policy) throw noPolicy()
    return { PasswordPolicy: policyOut(policy) }
  },

  DeleteAccountPasswordPolicy(ctx, _input: Record<string, never>) {
    authorize(ctx, 'DeleteAccountPasswordPolicy', '*')
    const extras = accountOf(ctx).iam
    if (!extras?.passwordPolicy) throw noPolicy()
    delete extras.passwordPolicy
    return undefined
  },
})
