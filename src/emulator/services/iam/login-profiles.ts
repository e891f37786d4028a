import type { UserEntity } from '../../state/model.js'
import type { OpContext } from '../types.js'
import { authorizeUser } from './access.js'
import { implicitTarget } from './caller.js'
import { defineOps } from './define-ops.js'
import { iamErrors } from './errors.js'
import { date } from './output.js'
import { setPassword } from './change-password.js'
import { checkPassword } from './password-policy.js'
import { validationError } from './validation/validate.js'
import { accountOf, requireUser } from './store.js'

/**
 * Console passwords (login profiles). The emulator has no console: a password is validated,
 * and only its salted hash is kept (password-hash.ts), for ChangePassword's old-password check.
 */

function targetUser(ctx: OpContext, action: string, userName: string | undefined): UserEntity {
  let name = userName
  if (name === undefined) {
    const target = implicitTarget(ctx)
    if (target.kind === 'root') throw iamErrors.validation('Must specify userName when calling with non-User credentials')
    name = target.name
  }
  authorizeUser(ctx, action, name)
  return requireUser(accountOf(ctx), name)
}

function profileOut(user: UserEntity) {
  const p = user.loginProfile!
  return { LoginProfile: { UserName: user.name, CreateDate: date(p.createDate), PasswordResetRequired: p.passwordResetRequired } }
}

function requireProfile(user: UserEntity) {
  if (!user.loginProfile) throw iamErrors.noSuchLoginProfile(user.name)
  return user.loginProfile
}

export const loginProfileOperations = defineOps({
  CreateLoginProfile(ctx, input) {
    if (input.Password === undefined) {
      throw validationError(["Value null at 'password' failed to satisfy constraint: Member must not be null"])
    }
    const user = targetUser(ctx, 'CreateLoginProfile', input.UserName)
    if (user.loginProfile) throw iamErrors.loginProfileExists(user.name)
    checkPassword(accountOf(ctx), input.Password)
    user.loginProfile = { createDate: ctx.now, passwordResetRequired: input.PasswordResetRequired ?? false }
    setPassword(user.loginProfile, input.Password, ctx.now)
    return profileOut(user)
  },

  GetLoginProfile(ctx, input) {
    const user = targetUser(ctx, 'GetLoginProfile', input.UserName)
    requireProfile(user)
    return profileOut(user)
  },

  UpdateLoginProfile(ctx, input) {
    const user = targetUser(ctx, 'UpdateLoginProfile', input.UserName)
    const profile = requireProfile(user)
    if (input.Password !== undefined) {
      checkPassword(accountOf(ctx), input.Password)
      setPassword(profile, input.Password, ctx.now)
    }
    if (input.PasswordResetRequired !== undefined) profile.passwordResetRequired = input.PasswordResetRequired
    return undefined
  },

  DeleteLoginProfile(ctx, input) {
    const user = targetUser(ctx, 'DeleteLoginProfile', input.UserName)
    requireProfile(user)
    delete user.loginProfile
    return undefined
  },
})
