import { describe, expect, it } from 'vitest'
import { bodyLimits, mayAllowAnonymous } from './admission.js'

const doc = (statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statement })

describe('admission', () => {
  it('a bucket policy may let anonymous callers in only with an Allow for "*" (or NotPrincipal)', () => {
    expect(mayAllowAnonymous(undefined)).toBe(false)
    expect(mayAllowAnonymous('not json')).toBe(false)
    expect(mayAllowAnonymous(doc({ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }))).toBe(true)
    expect(mayAllowAnonymous(doc([{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] }, Action: '*', Resource: '*' }]))).toBe(true)
    expect(mayAllowAnonymous(doc([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: '*', Resource: '*' }]))).toBe(true)
    expect(mayAllowAnonymous(doc([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }]))).toBe(false)
    expect(mayAllowAnonymous(doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: '*', Resource: '*' }]))).toBe(false)
    expect(mayAllowAnonymous(doc([{ Effect: 'Allow', Principal: { Service: '*' }, Action: '*', Resource: '*' }]))).toBe(false)
    // Inherited keys do not count.
    expect(mayAllowAnonymous('{"Statement":[{"__proto__":{"Effect":"Allow","Principal":"*"}}]}')).toBe(false)
  })

  it('the IAM/STS and anonymous caps never exceed --max-body', () => {
    expect(bodyLimits()).toEqual({ s3: 64 * 1024 ** 2, query: 1024 ** 2, anonymous: 64 * 1024 })
    expect(bodyLimits(1000)).toEqual({ s3: 1000, query: 1000, anonymous: 1000 })
  })
})
