import { describe, expect, it } from 'vitest'
import { REPORT_LIFETIME_MS } from './credential-report.js'
import { errorOf, fakeIam } from './testing/fake-context.js'

/** The report's four-hour life (IAM User Guide, "Getting credential reports"), on the fake clock. */
describe('credential report expiry', () => {
  it('COMPLETE for four hours; then GetCredentialReport is ReportExpired (410, no Message) and Generate starts a new one', () => {
    const iam = fakeIam()
    iam.consistencyDelayMs = 2_000
    const started = iam.now
    expect(iam.call('GenerateCredentialReport')).toEqual({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' })
    const inProgress = errorOf(() => iam.call('GetCredentialReport'))
    expect([inProgress.code, inProgress.status, inProgress.message]).toEqual(['ReportInProgress', 404, ''])
    iam.now = started + REPORT_LIFETIME_MS
    expect(iam.call('GenerateCredentialReport')).toEqual({ State: 'COMPLETE' })
    expect(iam.call('GetCredentialReport').GeneratedTime).toEqual(new Date(started))
    iam.now += 1
    const expired = errorOf(() => iam.call('GetCredentialReport'))
    expect([expired.code, expired.status, expired.message]).toEqual(['ReportExpired', 410, ''])
    expect(iam.call('GenerateCredentialReport')).toEqual({ State: 'STARTED' })
    expect(iam.call('GenerateCredentialReport')).toEqual({ State: 'INPROGRESS' })
    iam.now += 2_000
    expect(iam.call('GetCredentialReport').GeneratedTime).toEqual(new Date(started + REPORT_LIFETIME_MS + 1))
  })

  it('ReportNotPresent before any generation: 410 without a Message, as recorded from AWS', () => {
    const e = errorOf(() => fakeIam().call('GetCredentialReport'))
    expect([e.code, e.status, e.message]).toEqual(['ReportNotPresent', 410, ''])
  })
})
