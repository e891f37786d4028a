import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { queryCall } from './helpers/pollution.js'

/**
 * Issue 12, item 8: `ValidationError` echoed the whole input (a 2 MB policy gave a 7 MB answer).
 * Values over 1,024 characters are left out (`Value at '<member>' ...`, as AWS answers for an
 * oversized value) and at most 100 failures are spelled out, so the answer stays small whatever
 * the request.
 */
describe('validation errors do not echo large inputs', () => {
  it('a 2 MB policy document gets a short ValidationError naming the member and the limit', async () => {
    const em = createEmulator()
    await queryCall(em, em.root, 'iam', 'CreateUser', [['UserName', 'u']])
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Sid: 'x'.repeat(2 * 1024 * 1024) }] })
    const got = await queryCall(em, em.root, 'iam', 'PutUserPolicy', [['UserName', 'u'], ['PolicyName', 'p'], ['PolicyDocument', doc]])
    expect(got.status).toBe(400)
    expect(got.code).toBe('ValidationError')
    expect(got.message).toBe("1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 131072")
    expect(got.body.length).toBeLessThan(2_000)
  })

  it('a large session policy outside the allowed characters gets a short answer from STS', async () => {
    const em = createEmulator()
    const policy = `{"x":"${'\u2603'.repeat(200_000)}"}`
    const got = await queryCall(em, em.root, 'sts', 'AssumeRole', [['RoleArn', 'arn:aws:iam::123456789012:role/r'], ['RoleSessionName', 'sess'], ['Policy', policy]])
    expect(got).toMatchObject({ status: 400, code: 'ValidationError' })
    expect(got.message).toBe("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")
    expect(got.body.length).toBeLessThan(2_000)
  })

  // Each empty key fails twice (length and pattern): 1 + 2 x 3,000 failures.
  it('thousands of failing list members are counted, and 100 are spelled out', async () => {
    const em = createEmulator()
    await queryCall(em, em.root, 'iam', 'CreateUser', [['UserName', 'u']])
    const tags = Array.from({ length: 3000 }, (_, i): Array<[string, string]> => [[`Tags.member.${i + 1}.Key`, ''], [`Tags.member.${i + 1}.Value`, 'v']]).flat()
    const got = await queryCall(em, em.root, 'iam', 'TagUser', [['UserName', 'u'], ...tags])
    expect(got).toMatchObject({ status: 400, code: 'ValidationError' })
    expect(got.message!.startsWith("6001 validation errors detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50; Value at 'tags.1.member.key'")).toBe(true)
    expect(got.message!.split('; ').length).toBe(100)
    expect(got.body.length).toBeLessThan(20_000)
  })
})
