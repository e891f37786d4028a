import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { queryCall } from './helpers/pollution.js'

/**
 * Issue 16 (item 9, tag validation messages): a list of strings whose members break their
 * constraints fails once, at the list, with the member's constraints combined. Sources, all
 * recorded from AWS in LocalStack's `aws.validated` snapshots (localstack/localstack b04c14c):
 *
 * - tests/aws/services/iam/test_iam_roles.snapshot.json, test_role_tag_errors (2026-02):
 *   untag-role-key-too-long (`"k" * 129`) and untag-role-invalid-char (`invalid!key`):
 *   "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must
 *   satisfy constraint: [Member must have length less than or equal to 128, Member must have
 *   length greater than or equal to 1, Member must satisfy regular expression pattern:
 *   [\p{L}\p{Z}\p{N}_.:/=+\-@]+, Member must not be null]"; untag-role-too-many-keys (51 keys):
 *   "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must
 *   have length less than or equal to 50".
 * - tests/aws/services/iam/test_iam_policies.snapshot.json, test_policy_tag_update_errors
 *   (err-untag-large-key, err-untag-invalid-character, err-untag-too-many-keys): the same texts.
 * - tests/aws/services/iam/test_iam_oidc.snapshot.json, multiple-validation-errors (2026-02-17):
 *   "3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: Member
 *   must satisfy constraint: [Member must have length less than or equal to 255, Member must have
 *   length greater than or equal to 1]; Value at 'thumbprintList' ... [Member must have length
 *   less than or equal to 40, Member must have length greater than or equal to 40]; Value at
 *   'url' failed to satisfy constraint: Member must have length less than or equal to 255":
 *   the rule holds for IAM's lists generally, and "Member must not be null" is not always there.
 * - tests/aws/services/lambda_/test_lambda_api.snapshot.json: `Value '[invalidruntime,
 *   invalidruntime2, nodejs20.x]' at 'compatibleRuntimes'` is one failure for two bad members
 *   ("2 validation errors detected" with compatibleArchitectures): several bad members count once.
 */

const TAG_KEYS_CONSTRAINT =
  "Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]"
const TOO_MANY_KEYS = "Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"
const ONE = (failure: string) => `1 validation error detected: ${failure}`

const keys = (list: string[]): Array<[string, string]> => list.map((k, i) => [`TagKeys.member.${i + 1}`, k])

async function world() {
  const em = createEmulator()
  const root = em.root
  await queryCall(em, root, 'iam', 'CreateUser', [['UserName', 'u']])
  await queryCall(em, root, 'iam', 'CreateRole', [['RoleName', 'r'], ['AssumeRolePolicyDocument', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })]])
  const created = await queryCall(em, root, 'iam', 'CreatePolicy', [['PolicyName', 'p'], ['PolicyDocument', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })]])
  const policyArn = /<Arn>([^<]+)<\/Arn>/.exec(created.body)![1]!
  await queryCall(em, root, 'iam', 'CreateInstanceProfile', [['InstanceProfileName', 'ip']])
  const targets: Array<[string, [string, string]]> = [
    ['UntagRole', ['RoleName', 'r']],
    ['UntagUser', ['UserName', 'u']],
    ['UntagPolicy', ['PolicyArn', policyArn]],
    ['UntagInstanceProfile', ['InstanceProfileName', 'ip']],
  ]
  return { em, root, targets }
}

describe('Untag* with invalid keys: one failure at the list (recorded, LocalStack test_iam_roles / test_iam_policies)', () => {
  it('a key too long, empty, or with a character outside the pattern: the recorded text, for every Untag*', async () => {
    const { em, root, targets } = await world()
    for (const [action, target] of targets) {
      for (const bad of ['k'.repeat(129), 'invalid!key', 'NOWAY!', '']) {
        const got = await queryCall(em, root, 'iam', action, [target, ...keys([bad])])
        expect([action, bad, got.status, got.code, got.message]).toEqual([action, bad, 400, 'ValidationError', ONE(TAG_KEYS_CONSTRAINT)])
      }
    }
  })

  it('several bad keys are one failure (Lambda compatibleRuntimes recording: one failure per list)', async () => {
    const { em, root, targets } = await world()
    for (const [action, target] of targets) {
      const got = await queryCall(em, root, 'iam', action, [target, ...keys(['ok', 'k'.repeat(129), 'bad!', ''])])
      expect(got.message).toBe(ONE(TAG_KEYS_CONSTRAINT))
    }
  })

  it('more than 50 keys: the list-length failure (recorded); with a bad key as well, both (inferred order: length first)', async () => {
    const { em, root, targets } = await world()
    const fiftyOne = Array.from({ length: 51 }, (_, i) => String(i))
    for (const [action, target] of targets) {
      expect((await queryCall(em, root, 'iam', action, [target, ...keys(fiftyOne)])).message).toBe(ONE(TOO_MANY_KEYS))
      const both = await queryCall(em, root, 'iam', action, [target, ...keys([...fiftyOne, 'bad!'])])
      expect(both.message).toBe(`2 validation errors detected: ${TOO_MANY_KEYS}; ${TAG_KEYS_CONSTRAINT}`)
    }
  })

  it('valid keys still untag (the check is on the constraints, not on the keys existing)', async () => {
    const { em, root, targets } = await world()
    for (const [action, target] of targets) {
      const got = await queryCall(em, root, 'iam', action, [target, ...keys(['absent', 'a b:c/d=e+f-g@h_i.j'])])
      expect([action, got.status]).toEqual([action, 200])
    }
  })
})

describe('other IAM lists of strings follow the same rule (recorded: LocalStack test_iam_oidc)', () => {
  it('CreateOpenIDConnectProvider: clientIDList and thumbprintList fail at the list, without "Member must not be null"', async () => {
    const em = createEmulator()
    const got = await queryCall(em, em.root, 'iam', 'CreateOpenIDConnectProvider', [
      ['Url', 'b'.repeat(256)],
      ['ThumbprintList.member.1', 'b'.repeat(41)],
      ['ClientIDList.member.1', 'b'.repeat(256)],
    ])
    expect([got.status, got.code]).toEqual([400, 'ValidationError'])
    const recorded = [
      "Value at 'clientIDList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]",
      "Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]",
      "Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255",
    ]
    // In AWS's order (validation-message.ts, inAwsOrder), not the model's (url first).
    expect(got.message).toBe(`3 validation errors detected: ${recorded.join('; ')}`)
  })

  it('UpdateOpenIDConnectProviderThumbprint: a short thumbprint among good ones is one failure at the list', async () => {
    const em = createEmulator()
    const created = await queryCall(em, em.root, 'iam', 'CreateOpenIDConnectProvider', [['Url', 'https://idp.example.com'], ['ThumbprintList.member.1', 'a'.repeat(40)]])
    const arn = /<OpenIDConnectProviderArn>([^<]+)</.exec(created.body)![1]!
    const got = await queryCall(em, em.root, 'iam', 'UpdateOpenIDConnectProviderThumbprint', [
      ['OpenIDConnectProviderArn', arn],
      ['ThumbprintList.member.1', 'a'.repeat(40)],
      ['ThumbprintList.member.2', 'abc'],
      ['ThumbprintList.member.3', ''],
    ])
    expect(got.message).toBe(
      ONE("Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must have length greater than or equal to 40]"),
    )
  })
})

/**
 * The order of several failures (validation-message.ts, inAwsOrder): recorded orders follow
 * neither the model nor the alphabet; all fit a 16-bucket Java HashMap over member names.
 * Recorded: LocalStack tests/aws/services/iam/test_iam_account_password_policy.snapshot.json
 * (b04c14c), validation-errors, for MaxPasswordAge=1096, MinimumPasswordLength=129,
 * PasswordReusePrevention=25; test_iam_oidc multiple-validation-errors (above).
 */
describe('several failures are listed in the order AWS lists them (inferred rule, recorded cases)', () => {
  it('UpdateAccountPasswordPolicy: minimumPasswordLength; passwordReusePrevention; maxPasswordAge', async () => {
    const em = createEmulator()
    const got = await queryCall(em, em.root, 'iam', 'UpdateAccountPasswordPolicy', [['MaxPasswordAge', '1096'], ['MinimumPasswordLength', '129'], ['PasswordReusePrevention', '25']])
    expect(got.message).toBe(
      "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128; Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24; Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
    )
  })
})
