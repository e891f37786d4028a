import {
  ChangePasswordCommand,
  CreateAccountAliasCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  ListAccountAliasesCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, failure, userClients } from './emulator-helpers.js'

const ACCOUNT = '123456789012'
const NO_POLICY = { name: 'NoSuchEntityException', status: 404, message: 'The Password Policy with domain name ACCOUNT cannot be found.' }

describe('account password policy through SDK v3', () => {
  it('is absent until set, fills AWS defaults, and is deleted once', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    expect(await failure(iam.send(new GetAccountPasswordPolicyCommand({})))).toEqual(NO_POLICY)
    expect(await failure(iam.send(new DeleteAccountPasswordPolicyCommand({})))).toEqual(NO_POLICY)
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireSymbols: true, MaxPasswordAge: 90 }))
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
    })
    const tooShort = await failure(iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })))
    expect(tooShort.name).toBe('ValidationError')
    expect(tooShort.message).toContain("Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6")
    await iam.send(new DeleteAccountPasswordPolicyCommand({}))
    expect(await failure(iam.send(new GetAccountPasswordPolicyCommand({})))).toEqual(NO_POLICY)
  })

  it('is enforced by CreateLoginProfile, UpdateLoginProfile and ChangePassword', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    // AWS's default policy applies while none is set: 8 characters, three of four kinds.
    expect(await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'Ab1!' })))).toEqual({
      name: 'PasswordPolicyViolationException', status: 400, message: 'Password should have a minimum length of 8',
    })
    expect(await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'lowercase1' })))).toEqual({
      name: 'PasswordPolicyViolationException',
      status: 400,
      message: 'Password should meet 1 more of the following requirements: Password should have at least one uppercase letter, Password should have at least one symbol',
    })
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10, RequireNumbers: true, AllowUsersToChangePassword: true }))
    expect(await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'Short-1' })))).toMatchObject({ message: 'Password should have a minimum length of 10' })
    expect(await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'no-numbers-here' })))).toMatchObject({
      name: 'PasswordPolicyViolationException', message: 'Password should have at least one number',
    })
    expect(await failure(iam.send(new GetLoginProfileCommand({ UserName: 'u' })))).toMatchObject({ name: 'NoSuchEntityException' })
    await iam.send(new CreateLoginProfileCommand({ UserName: 'u', Password: 'lowercase-10', PasswordResetRequired: true }))
    expect(await failure(iam.send(new UpdateLoginProfileCommand({ UserName: 'u', Password: 'nonumbers!!' })))).toMatchObject({ message: 'Password should have at least one number' })

    const me = await userClients(em, 'self', [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: `arn:aws:iam::${ACCOUNT}:user/self` }])
    expect(await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'x', NewPassword: 'abcdefghij1' })))).toMatchObject({ name: 'NoSuchEntityException', message: 'Login Profile for User self cannot be found.' })
    await iam.send(new CreateLoginProfileCommand({ UserName: 'self', Password: 'first-pass-1', PasswordResetRequired: true }))
    expect(await failure(me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'tooshort1' })))).toMatchObject({ message: 'Password should have a minimum length of 10' })
    await me.iam.send(new ChangePasswordCommand({ OldPassword: 'first-pass-1', NewPassword: 'second-pass-2' }))
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'self' }))).LoginProfile!.PasswordResetRequired).toBe(false)
    expect(await failure(iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).toMatchObject({ name: 'InvalidUserTypeException', status: 400 })
  })

  it('needs the iam: permission on *, and ChangePassword on the caller itself', async () => {
    const em = createEmulator()
    const bob = await userClients(em, 'bob')
    expect(await failure(bob.iam.send(new UpdateAccountPasswordPolicyCommand({})))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${bob.arn} is not authorized to perform: iam:UpdateAccountPasswordPolicy on resource: * because no identity-based policy allows the iam:UpdateAccountPasswordPolicy action`,
    })
    expect((await failure(bob.iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })))).message).toBe(
      `User: ${bob.arn} is not authorized to perform: iam:ChangePassword on resource: ${bob.arn} because no identity-based policy allows the iam:ChangePassword action`,
    )
  })
})

describe('account aliases through SDK v3', () => {
  it('holds one alias, unique across accounts, in the model format', async () => {
    const em = createEmulator({ extraAccounts: 1 })
    const { iam } = clients(em, em.root)
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([])
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-lab' }))
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'my-lab-2' }))
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['my-lab-2'])
    const bad = await failure(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad--Alias' })))
    expect(bad.name).toBe('ValidationError')
    expect(bad.message).toContain("Value at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern")
    const other = clients(em, em.accounts()[1]!).iam
    expect(await failure(other.send(new CreateAccountAliasCommand({ AccountAlias: 'my-lab-2' })))).toEqual({
      name: 'EntityAlreadyExistsException', status: 409, message: 'The account alias my-lab-2 already exists.',
    })
    expect(await failure(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-lab' })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: 'The account alias my-lab cannot be found.',
    })
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'my-lab-2' }))
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([])
    const bob = await userClients(em, 'bob')
    expect((await failure(bob.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'x-y-z' })))).message).toBe(`User: ${bob.arn} is not authorized to perform: iam:CreateAccountAlias on resource: * because no identity-based policy allows the iam:CreateAccountAlias action`)
  })
})
