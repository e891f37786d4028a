import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteRoleCommand, DeleteRolePolicyCommand, DeleteUserCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { AssumeRoleCommand } from '@aws-sdk/client-sts'
import { clientsFor } from './aws.js'
import type { Creds } from './serve.js'

/** The identities an authentication corpus needs, built through the SDK against one endpoint. */
export interface AuthWorld {
  endpoint: string
  account: string
  root: Creds
  /** A user allowed everything (identity policy `*`). */
  alice: Creds
  /** Two sessions of alice on a role allowed everything. */
  session: Creds
  otherSession: Creds
  /** The key of a user that was deleted (its key first, as IAM requires). */
  deletedUserKey: Creds
  /** A user's key set Inactive. */
  inactiveKey: Creds
  /** A session of a role deleted afterwards (and recreated with the same name and `*`). */
  orphanSession: Creds
  bucket: string
  key: string
}

const ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })

/** Build the world on `endpoint` as `root`; names are suffixed with `tag` (several worlds per server). */
export async function buildAuthWorld(endpoint: string, root: Creds, tag: string, account = '123456789012'): Promise<AuthWorld> {
  const c = clientsFor(endpoint, root, { maxAttempts: 3 })
  const userKey = async (name: string): Promise<Creds> => {
    await c.iam.send(new CreateUserCommand({ UserName: name }))
    const k = (await c.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
  }
  const alice = await userKey(`alice-${tag}`)
  await c.iam.send(new PutUserPolicyCommand({ UserName: `alice-${tag}`, PolicyName: 'all', PolicyDocument: ALL }))
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user/alice-${tag}` }, Action: 'sts:AssumeRole' }] })
  const role = async (name: string) => {
    await c.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }))
    await c.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'all', PolicyDocument: ALL }))
  }
  await role(`admin-${tag}`)
  await role(`doomed-${tag}`)
  const asAlice = clientsFor(endpoint, alice, { maxAttempts: 3 })
  const assume = async (name: string, session: string): Promise<Creds> => {
    const cr = (await asAlice.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${name}`, RoleSessionName: session, DurationSeconds: 900 }))).Credentials!
    return { accessKeyId: cr.AccessKeyId!, secretAccessKey: cr.SecretAccessKey!, sessionToken: cr.SessionToken! }
  }
  const session = await assume(`admin-${tag}`, 'one')
  const otherSession = await assume(`admin-${tag}`, 'two')
  const orphanSession = await assume(`doomed-${tag}`, 'orphan')
  asAlice.destroy()
  // The role goes away; a new role of the same name (a new unique id) must not adopt the session.
  await c.iam.send(new DeleteRolePolicyCommand({ RoleName: `doomed-${tag}`, PolicyName: 'all' }))
  await c.iam.send(new DeleteRoleCommand({ RoleName: `doomed-${tag}` }))
  await role(`doomed-${tag}`)
  await c.iam.send(new AttachRolePolicyCommand({ RoleName: `doomed-${tag}`, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }))

  const deletedUserKey = await userKey(`gone-${tag}`)
  await c.iam.send(new DeleteAccessKeyCommand({ UserName: `gone-${tag}`, AccessKeyId: deletedUserKey.accessKeyId }))
  await c.iam.send(new DeleteUserCommand({ UserName: `gone-${tag}` }))
  const inactiveKey = await userKey(`idle-${tag}`)
  await c.iam.send(new PutUserPolicyCommand({ UserName: `idle-${tag}`, PolicyName: 'all', PolicyDocument: ALL }))
  await c.iam.send(new UpdateAccessKeyCommand({ UserName: `idle-${tag}`, AccessKeyId: inactiveKey.accessKeyId, Status: 'Inactive' }))

  const bucket = `auth-corpus-${tag}`
  await c.s3.send(new CreateBucketCommand({ Bucket: bucket }))
  await c.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'o.txt', Body: 'corpus object' }))
  c.destroy()
  return { endpoint, account, root, alice, session, otherSession, deletedUserKey, inactiveKey, orphanSession, bucket, key: 'o.txt' }
}
