import { describe, expect, it } from 'vitest'
import type { AwsClients, IamflowClient } from '../define-action.js'
import { InputError } from '../../errors.js'
import { issueOidcToken } from './issue-oidc-token.js'

describe('iamflow.issueOidcToken', () => {
  it('sends IamflowIssueOidcToken with flat parameters (claims as JSON) and returns the token', async () => {
    const calls: Array<[string, Record<string, string>]> = []
    const iamflow: IamflowClient = {
      call: async (action, params) => {
        calls.push([action, params])
        return { Token: 'h.p.s', Expiration: '2026-12-02T23:00:00Z' }
      },
    }
    const out = await issueOidcToken.run({ clients: { iamflow } as unknown as AwsClients }, {
      Issuer: 'https://token.actions.githubusercontent.com',
      Subject: 'repo:acme/app:ref:refs/heads/main',
      Audience: 'sts.amazonaws.com',
      ExpiresInSeconds: -60,
      Claims: { repository: 'acme/app' },
    })
    expect(calls).toEqual([
      [
        'IamflowIssueOidcToken',
        {
          Issuer: 'https://token.actions.githubusercontent.com',
          Subject: 'repo:acme/app:ref:refs/heads/main',
          Audience: 'sts.amazonaws.com',
          ExpiresInSeconds: '-60',
          Claims: '{"repository":"acme/app"}',
        },
      ],
    ])
    expect(out.Token).toBe('h.p.s')
    expect(out.Expiration.toISOString()).toBe('2026-12-02T23:00:00.000Z')
  })

  it('refuses to run where there is no emulator (AWS): emulator-only, exit 2', async () => {
    const err = await issueOidcToken.run({ clients: {} as AwsClients }, { Issuer: 'https://x', Subject: 's', Audience: 'a' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).code).toBe('emulator-only')
  })

  it('is marked emulator-only and read-only', () => {
    expect([issueOidcToken.emulatorOnly, issueOidcToken.readOnly, issueOidcToken.service]).toEqual([true, true, 'iamflow'])
  })
})
