import { describe, expect, it } from 'vitest'
import { errorOf, fakeIam, type FakeIam } from './testing/fake-context.js'

/** HardExpiry and MaxPasswordAge on the fake clock (the SDK signs with real time). */
const DAY = 86_400_000

function asUser(iam: FakeIam, name: string): void {
  const user = iam.state.accounts.get(iam.account.id)!.users.get(name)!
  iam.caller = { ...iam.caller, kind: 'user', principal: { ...iam.caller.principal, arn: user.arn, username: user.name } }
}

describe('ChangePassword and an expired password', () => {
  it('HardExpiry: refused once MaxPasswordAge has passed; without HardExpiry the user may change it', () => {
    const iam = fakeIam()
    const root = iam.caller
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('UpdateAccountPasswordPolicy', { AllowUsersToChangePassword: true, MaxPasswordAge: 1, HardExpiry: true })
    iam.call('CreateLoginProfile', { UserName: 'u', Password: 'first-pass-1' })
    const start = iam.now
    asUser(iam, 'u')
    iam.now = start + DAY - 1
    iam.call('ChangePassword', { OldPassword: 'first-pass-1', NewPassword: 'second-pass-2' })
    iam.now = start + 2 * DAY - 1
    const e = errorOf(() => iam.call('ChangePassword', { OldPassword: 'second-pass-2', NewPassword: 'third-pass-3' }))
    expect([e.code, e.status, e.message]).toEqual(['AccessDenied', 403, 'Your password has expired and must be reset by an administrator.'])
    iam.caller = root
    iam.call('UpdateAccountPasswordPolicy', { AllowUsersToChangePassword: true, MaxPasswordAge: 1, HardExpiry: false })
    asUser(iam, 'u')
    iam.call('ChangePassword', { OldPassword: 'second-pass-2', NewPassword: 'third-pass-3' })
  })

  it('the credential report shows when the password was changed and when it must next be', () => {
    const iam = fakeIam()
    const root = iam.caller
    iam.call('CreateUser', { UserName: 'u' })
    iam.call('UpdateAccountPasswordPolicy', { AllowUsersToChangePassword: true, MaxPasswordAge: 30 })
    iam.call('CreateLoginProfile', { UserName: 'u', Password: 'first-pass-1' })
    asUser(iam, 'u')
    iam.now += DAY
    iam.call('ChangePassword', { OldPassword: 'first-pass-1', NewPassword: 'second-pass-2' })
    iam.caller = root
    iam.call('GenerateCredentialReport')
    const csv = Buffer.from(iam.call('GetCredentialReport').Content as string, 'base64').toString('utf8')
    const row = csv.split('\n')[2]!.split(',')
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
    expect([row[0], row[5], row[6]]).toEqual(['u', iso(iam.now), iso(iam.now + 30 * DAY)])
  })
})
