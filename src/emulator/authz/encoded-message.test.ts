import { describe, expect, it } from 'vitest'
import type { AuthorizationRequest, Decision } from '../../policy/types.js'
import { decodeMessage, encodeDenial, encodedMessageOf } from './encoded-message.js'

const decision: Decision = { decision: 'ImplicitDeny', by: 'identity', matched: [], misses: [], missingContextKeys: [], summary: 'no allow' }
const request = (context: AuthorizationRequest['context']): AuthorizationRequest => ({
  principal: { type: 'User', arn: 'arn:aws:iam::123456789012:user/u', accountId: '123456789012', userId: 'AIDAEXAMPLE' },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  context,
})

describe('encoded authorization messages', () => {
  it('round-trip: the decoded JSON names the principal, action, resource and conditions', () => {
    const d = { ...decision }
    const token = encodeDenial(d, request({ 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a', 'b'] }))
    expect(encodedMessageOf(d)).toBe(token)
    expect(JSON.parse(decodeMessage(token)!)).toEqual({
      allowed: false,
      explicitDeny: false,
      matchedStatements: { items: [] },
      failures: { items: [] },
      context: {
        principal: { id: 'AIDAEXAMPLE', arn: 'arn:aws:iam::123456789012:user/u' },
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        conditions: {
          items: [
            { key: 'aws:SourceIp', values: { items: [{ value: '10.0.0.1' }] } },
            { key: 'aws:TagKeys', values: { items: [{ value: 'a' }, { value: 'b' }] } },
          ],
        },
      },
    })
  })

  it('stays small enough for a response header whatever the request context holds', () => {
    const huge: Record<string, string> = {}
    for (let i = 0; i < 200; i++) huge[`s3:ExistingObjectTag/k${i}`] = 'v'.repeat(5000)
    const token = encodeDenial({ ...decision }, request(huge))
    expect(token.length).toBeLessThan(8192)
    expect(JSON.parse(decodeMessage(token)!).context.conditions.items.length).toBeGreaterThan(0)
  })

  it('refuses anything it did not seal: other text, a tampered token', () => {
    const token = encodeDenial({ ...decision }, request({}))
    expect(decodeMessage('hello')).toBeUndefined()
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'AB' : 'AA')
    expect(decodeMessage(flipped)).toBeUndefined()
  })
})
