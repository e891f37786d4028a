import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  GetLoginProfileCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure, userClients } from './emulator-helpers.js'

/**
 * ChangePassword (issue 15): the old password is checked, the account password policy (and
 * PasswordReusePrevention) applies, only IAM users may call it, AllowUsersToChangePassword
 * grants it, HardExpiry stops a user whose password expired. Passwords are kept only as
 * salted hashes.
 */

const ACCOUNT = '123456789012'

describe('ChangePassword', () => {
  it('checks the old password; remembers PasswordReusePrevention passwords; clears PasswordResetRequired', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, PasswordReusePrevention: 2 }))
    const me = await userClients(em, 'self', [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` }])
    await iam.send(new CreateLoginProfileCommand({ UserName: 'self', Password: 'first-pass-1', PasswordResetRequired: true }))
    expect(await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'not-my-password', NewPassword: 'second-pass-2' })))).toEqual({
      name: 'AccessDenied', status: 403, message: 'The old password is incorrect.',
    })
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'self' }))).LoginProfile!.PasswordResetRequired).toBe(true)
    expect(await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'first-pass-1' })))).toEqual({
      name: 'PasswordPolicyViolationException', status: 400, message: 'Password should not be one of your 2 previous passwords',
    })
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'second-pass-2' }))
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'self' }))).LoginProfile!.PasswordResetRequired).toBe(false)
    // The old one no longer works; the previous one is still remembered; a third is fine.
    expect((await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'third-pass-3' })))).message).toBe('The old password is incorrect.')
    expect((await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'second-pass-2', NewPassword: 'first-pass-1' })))).name).toBe('PasswordPolicyViolationException')
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'second-pass-2', NewPassword: 'third-pass-3' }))
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'third-pass-3', NewPassword: 'first-pass-1' }))
    // An administrator's UpdateLoginProfile sets the password the user must then give as old.
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'self', Password: 'admin-set-4' }))
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'admin-set-4', NewPassword: 'fifth-pass-5' }))
  })

  it('AllowUsersToChangePassword grants it without a policy; an explicit Deny still wins', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const me = await userClients(em, 'self')
    await iam.send(new CreateLoginProfileCommand({ UserName: 'self', Password: 'first-pass-1' }))
    expect((await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'second-pass-2' })))).message).toBe(
      `User: ${me.arn} is not authorized to perform: iam:ChangePassword on resource: ${me.arn} because no identity-based policy allows the iam:ChangePassword action`,
    )
    await iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }))
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'second-pass-2' }))
    await iam.send(new PutUserPolicyCommand({ UserName: 'self', PolicyName: 'deny', PolicyDocument: doc([{ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*' }]) }))
    const denied = await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'second-pass-2', NewPassword: 'third-pass-3' })))
    expect([denied.name, denied.message]).toEqual(['AccessDenied', `User: ${me.arn} is not authorized to perform: iam:ChangePassword on resource: ${me.arn} with an explicit deny in an identity-based policy`])
  })

  it('refuses callers that are not IAM users with InvalidUserType', async () => {
    const em = createEmulator()
    const root = clients(em, em.root)
    expect(await failure(root.iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).toEqual({
      name: 'InvalidUserTypeException', status: 400, message: 'Only IAM users can change their own password.',
    })
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }])
    await root.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }))
    await root.iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }))
    const assumer = await userClients(em, 'assumer', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }])
    const c = (await assumer.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/r`, RoleSessionName: 'ss' }))).Credentials!
    const session = clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
    // The password policy's grant is for IAM users: a role session needs a policy...
    expect(await failure(session.iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    // ...and with one, it is still not an IAM user.
    await root.iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: '*' }]) }))
    expect(await failure(session.iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).toMatchObject({ name: 'InvalidUserTypeException', status: 400 })
  })

  it('keeps only salted hashes: no password in the state files', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'iamflow-pw-')), 'state.json')
    const em = createEmulator({ statePath })
    const { iam } = clients(em, em.root)
    await iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true }))
    await iam.send(new CreateUserCommand({ UserName: 'self' }))
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'self' }))).AccessKey!
    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    const me = clients(em, creds)
    await iam.send(new CreateLoginProfileCommand({ UserName: 'self', Password: 'Secret-first-1' }))
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'Secret-first-1', NewPassword: 'Secret-second-2' }))
    const dir = join(statePath, '..')
    const text = readdirSync(dir, { recursive: true }).map(String).filter((f) => !f.includes('objects')).map((f) => { try { return readFileSync(join(dir, f), 'utf8') } catch { return '' } }).join('\n')
    expect(text).toContain('"passwordHash":"scrypt$')
    expect(text).not.toContain('Secret-first-1')
    expect(text).not.toContain('Secret-second-2')
    // After a reload, the old-password check still works.
    const reloaded = createEmulator({ statePath })
    const again = clients(reloaded, creds)
    expect((await failure(again.iam.send(new ChangePasswordCommand({ OldPassword: 'Secret-first-1', NewPassword: 'Secret-third-3' })))).message).toBe('The old password is incorrect.')
  })
})
