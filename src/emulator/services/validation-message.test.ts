import { describe, expect, it } from 'vitest'
import { HIDDEN, MAX_ECHOED_CHARS, MAX_LISTED_FAILURES, constraintFailure, inAwsOrder, memberConstraints, scalarOf, validationError, valueText } from './validation-message.js'

describe('validation messages (Coral format, bounded)', () => {
  it('echoes short values, lists and structures as AWS prints them', () => {
    expect(constraintFailure('bad name', 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*')).toBe(
      "Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    )
    expect(constraintFailure(['a', 'b'], 'tagKeys', 'Member must have length less than or equal to 1')).toBe("Value '[a, b]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 1")
    expect(valueText([{ Key: 'k', Value: 'v' }])).toBe('[{Key: k, Value: v}]')
    expect(constraintFailure(undefined, 'userName', 'Member must not be null')).toBe("Value null at 'userName' failed to satisfy constraint: Member must not be null")
    expect(constraintFailure(HIDDEN, 'password', 'Member must have length greater than or equal to 1')).toBe("Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 1")
  })

  it(`leaves out a value longer than ${MAX_ECHOED_CHARS} characters (AWS's "Value at" form)`, () => {
    expect(constraintFailure('x'.repeat(MAX_ECHOED_CHARS), 'p', 'c')).toBe(`Value '${'x'.repeat(MAX_ECHOED_CHARS)}' at 'p' failed to satisfy constraint: c`)
    expect(constraintFailure('x'.repeat(MAX_ECHOED_CHARS + 1), 'policyDocument', 'Member must have length less than or equal to 131072')).toBe(
      "Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 131072",
    )
    const huge = Array.from({ length: 100_000 }, (_, i) => ({ Key: `k${i}` }))
    expect(constraintFailure(huge, 'tags', 'Member must have length less than or equal to 50')).toBe("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")
  })

  it(`counts every failure but spells out at most ${MAX_LISTED_FAILURES}`, () => {
    const errors = Array.from({ length: 250 }, (_, i) => `e${i}`)
    const err = validationError(errors)
    expect(err.code).toBe('ValidationError')
    expect(err.status).toBe(400)
    expect(err.message.startsWith('250 validation errors detected: e0; e1; ')).toBe(true)
    expect(err.message.endsWith(`; e${MAX_LISTED_FAILURES - 1}`)).toBe(true)
    expect(validationError(['only']).message).toBe('1 validation error detected: only')
  })

  // Recorded orders (LocalStack b04c14c): tagKeys [max, min, pattern, not null] (test_iam_roles),
  // architectures [enum, not null] (test_lambda_api), thumbprintList [max, min] (test_iam_oidc).
  it("combines a list member's constraints in AWS's order: max, min, pattern, enum, not null", () => {
    expect(memberConstraints({ min: 1, max: 128, pattern: 'p', notNull: true })).toBe(
      'Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: p, Member must not be null]',
    )
    expect(memberConstraints({ enumText: 'Member must satisfy enum value set: [x86_64, arm64]', notNull: true })).toBe(
      'Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]',
    )
    expect(memberConstraints({ min: 40, max: 40 })).toBe(
      'Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]',
    )
  })

  // Every multi-failure recording found (LocalStack b04c14c snapshots), in AWS's order.
  it('orders failures as AWS does: members by 16-bucket Java HashMap order of their names, list members by index', () => {
    const order = (paths: string[]) => inAwsOrder(paths.map((path) => ({ path, text: path })))
    expect(order(['url', 'clientIDList', 'thumbprintList'])).toEqual(['clientIDList', 'thumbprintList', 'url'])
    expect(order(['maxPasswordAge', 'minimumPasswordLength', 'passwordReusePrevention'])).toEqual(['minimumPasswordLength', 'passwordReusePrevention', 'maxPasswordAge'])
    expect(order(['compatibleArchitectures', 'compatibleRuntimes'])).toEqual(['compatibleRuntimes', 'compatibleArchitectures'])
    expect(order(['httpMethod', 'connectionArn'])).toEqual(['connectionArn', 'httpMethod'])
    expect(order(['authorizationType', 'name', 'name'])).toEqual(['name', 'name', 'authorizationType'])
    expect(order(['in.endpointConfiguration.ipAddressType', 'in.endpointConfiguration.types'])).toEqual(['in.endpointConfiguration.types', 'in.endpointConfiguration.ipAddressType'])
    expect(order(['in.patchOperations.3.member.op', 'in.patchOperations.1.member.op', 'in.patchOperations.2.member.op'])).toEqual([
      'in.patchOperations.1.member.op',
      'in.patchOperations.2.member.op',
      'in.patchOperations.3.member.op',
    ])
    expect(order(['statusCode', 'patchOperations.1.member.op'])).toEqual(['patchOperations.1.member.op', 'statusCode'])
    // A member's own failures keep the order found; a list's own failures come before its members'.
    expect(inAwsOrder([{ path: 'tags.2.member.key', text: 'd' }, { path: 'tags', text: 'a' }, { path: 'tags.1.member.key', text: 'c' }, { path: 'tags', text: 'b' }])).toEqual(['a', 'b', 'c', 'd'])
  })

  it('a structure where a scalar belongs is no scalar', () => {
    expect(scalarOf('x')).toBe('x')
    expect(scalarOf(Object.create(null))).toBeUndefined()
    expect(scalarOf(['x'])).toBeUndefined()
  })
})
