import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  DeleteAccessKeyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  PutRolePolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure, userClients } from './emulator-helpers.js'

const ACCOUNT = '123456789012'

/**
 * Issue 16 (item 6, denial messages per action): two quirks of IAM's wording, from real denials.
 *
 * `user null<caller>`: an IAM user calling CreateAccessKey, ListAccessKeys or DeleteAccessKey
 * without `UserName` is denied `on resource: user null<its name>`:
 * - Splunk BOTS v3 CloudTrail (account 622676721278, 2018-08-20, requestParameters null):
 *   "User: arn:aws:iam::622676721278:user/web_admin is not authorized to perform:
 *   iam:CreateAccessKey on resource: user nullweb_admin"; its ListAccessKeys and DeleteAccessKey
 *   denials name "user nullweb_admin" too, its GetUser denial "user web_admin";
 * - https://github.com/99designs/aws-vault/issues/178 (2017): "User: arn:aws:iam::...:user/profilename
 *   is not authorized to perform: iam:CreateAccessKey on resource: user nullprofilename with an
 *   explicit deny";
 * - a CloudGoat walkthrough (account 067103977971): "User:
 *   arn:aws:iam::067103977971:user/cg-start-user-lab is not authorized to perform:
 *   iam:ListAccessKeys on resource: user nullcg-start-user-lab because no identity-based policy
 *   allows the iam:ListAccessKeys action".
 *
 * GetUser without `UserName` from a role session: authorized on, and denied naming, the session
 * ARN itself (not `user <session name>`, which no report shows):
 * - spinnaker/clouddriver clouddriver-aws/src/test/groovy/com/netflix/spinnaker/clouddriver/aws/security/
 *   DefaultAWSAccountInfoLookupSpec.groovy quotes AWS (2014, request bcd9f5c2-63a2-11e4-...): "User:
 *   arn:aws:sts::149510111645:assumed-role/SpinnakerInstanceProfile/i-faea8732 is not authorized
 *   to perform: iam:GetUser on resource:
 *   arn:aws:sts::149510111645:assumed-role/SpinnakerInstanceProfile/i-faea8732";
 * - https://github.com/serverless/serverless/issues/3151 (2017): "<role>/AWSCodeBuild is not
 *   authorized to perform: iam:GetUser on resource: arn:aws:sts::<account-id>:assumed-role/<role>/AWSCodeBuild";
 * - allowed, the call is refused: "ValidationError ... Must specify userName when calling with
 *   non-User credentials" (https://github.com/mhausenblas/rbIAM/issues/1, kz8s/tack#214).
 */
describe('user null<caller>: access-key calls without UserName (reported)', () => {
  it('CreateAccessKey, ListAccessKeys and DeleteAccessKey name `user null<caller>`; with UserName, `user <name>`', async () => {
    const em = createEmulator()
    const me = await userClients(em, 'web_admin', [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }])
    const head = `User: arn:aws:iam::${ACCOUNT}:user/web_admin is not authorized to perform: `
    const create = await failure(me.iam.send(new CreateAccessKeyCommand({})))
    expect([create.name, create.status]).toEqual(['AccessDenied', 403])
    expect(create.message.startsWith(`${head}iam:CreateAccessKey on resource: user nullweb_admin`)).toBe(true)
    expect((await failure(me.iam.send(new ListAccessKeysCommand({})))).message.startsWith(`${head}iam:ListAccessKeys on resource: user nullweb_admin`)).toBe(true)
    expect((await failure(me.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: 'AKIAEXAMPLEEXAMPLE12' })))).message.startsWith(`${head}iam:DeleteAccessKey on resource: user nullweb_admin`)).toBe(true)
    // Named explicitly: the ordinary wording.
    expect((await failure(me.iam.send(new CreateAccessKeyCommand({ UserName: 'web_admin' })))).message.startsWith(`${head}iam:CreateAccessKey on resource: user web_admin`)).toBe(true)
    expect((await failure(me.iam.send(new ListAccessKeysCommand({ UserName: 'web_admin' })))).message.startsWith(`${head}iam:ListAccessKeys on resource: user web_admin`)).toBe(true)
    // UpdateAccessKey: no report of the quirk; the family's ordinary wording.
    expect((await failure(me.iam.send(new UpdateAccessKeyCommand({ AccessKeyId: 'AKIAEXAMPLEEXAMPLE12', Status: 'Inactive' })))).message.startsWith(`${head}iam:UpdateAccessKey on resource: user web_admin`)).toBe(true)
  })

  it('the quirk is only in the words: the policy is evaluated on the user ARN, and an allowed call works', async () => {
    const em = createEmulator()
    const me = await userClients(em, 'alice', [{ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys'], Resource: `arn:aws:iam::${ACCOUNT}:user/alice` }])
    const listed = await me.iam.send(new ListAccessKeysCommand({}))
    expect(listed.AccessKeyMetadata).toHaveLength(1)
    expect((await me.iam.send(new CreateAccessKeyCommand({}))).AccessKey!.UserName).toBe('alice')
  })

  it('GetUser without UserName from an IAM user names `user <caller>` (BOTS v3: "user web_admin")', async () => {
    const em = createEmulator()
    const me = await userClients(em, 'web_admin')
    const got = await failure(me.iam.send(new GetUserCommand({})))
    expect(got.message.startsWith(`User: arn:aws:iam::${ACCOUNT}:user/web_admin is not authorized to perform: iam:GetUser on resource: user web_admin`)).toBe(true)
  })
})

describe('GetUser without UserName from a role session (reported)', () => {
  async function session(statements: object[]) {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }])
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'SpinnakerInstanceProfile', AssumeRolePolicyDocument: trust }))).Role!
    if (statements.length > 0) await iam.send(new PutRolePolicyCommand({ RoleName: role.RoleName!, PolicyName: 'p', PolicyDocument: doc(statements) }))
    const assumer = await userClients(em, 'assumer', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }])
    const c = (await assumer.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'i-faea8732' }))).Credentials!
    return clients(em, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! })
  }
  const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/SpinnakerInstanceProfile/i-faea8732`

  it('without permission: AccessDenied naming the session ARN as the resource', async () => {
    const { iam } = await session([])
    const got = await failure(iam.send(new GetUserCommand({})))
    expect([got.name, got.status]).toEqual(['AccessDenied', 403])
    expect(got.message.startsWith(`User: ${sessionArn} is not authorized to perform: iam:GetUser on resource: ${sessionArn}`)).toBe(true)
  })

  it('an explicit deny of iam:*User* (serverless#3151) is a denial too', async () => {
    const { iam } = await session([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*User*', Resource: '*' }])
    const got = await failure(iam.send(new GetUserCommand({})))
    expect(got.message.startsWith(`User: ${sessionArn} is not authorized to perform: iam:GetUser on resource: ${sessionArn} with an explicit deny`)).toBe(true)
  })

  it('with permission: the ValidationError', async () => {
    const { iam } = await session([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }])
    const got = await failure(iam.send(new GetUserCommand({})))
    expect([got.name, got.status, got.message]).toEqual(['ValidationError', 400, 'Must specify userName when calling with non-User credentials'])
  })
})
