/**
 * S3 ACL grants take part in authorization while ACLs are enabled (issue 15): S3 User Guide,
 * "How Amazon S3 authorizes a request" (bucket policy and ACLs of the owner evaluated together)
 * and "Access control list (ACL) overview" (grantees, canned ACLs, permission mapping); Block
 * Public Access's IgnorePublicAcls / BlockPublicAcls; BucketOwnerEnforced disables ACLs.
 */
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAclCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const B = 'acl-bucket'
const anonymousGet = (em: Emulator, key = 'k') => em.handle(new Request(`http://localhost:4566/${B}/${key}`))

async function aclBucket(em: Emulator, opts: { ownership?: 'ObjectWriter' | 'BucketOwnerPreferred'; openBpa?: boolean } = {}) {
  const { s3 } = clients(em, em.root, { forcePathStyle: true })
  await s3.send(new CreateBucketCommand({ Bucket: B, ObjectOwnership: opts.ownership ?? 'ObjectWriter' }))
  if (opts.openBpa !== false) await s3.send(new DeletePublicAccessBlockCommand({ Bucket: B }))
  return s3
}

/** A user `name` in the account of `root`, with an inline policy of `statements` when given. */
async function user(em: Emulator, root: Creds, name: string, statements?: object[]) {
  const { iam } = clients(em, root)
  await iam.send(new CreateUserCommand({ UserName: name }))
  if (statements) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(statements) }))
  const k = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }, { forcePathStyle: true })
}

describe('S3 ACL grants (in memory, SDK v3)', () => {
  it('canned public-read object: readable anonymously only while Block Public Access allows it', async () => {
    const em = createEmulator()
    const s3 = await aclBucket(em)
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'hello', ACL: 'public-read' }))
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'private', Body: 'x' }))
    const open = await anonymousGet(em)
    expect([open.status, await open.text()]).toEqual([200, 'hello'])
    expect((await anonymousGet(em, 'private')).status).toBe(403)
    // IgnorePublicAcls: the grant to AllUsers counts for nothing.
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: B, PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }))
    const ignored = await anonymousGet(em)
    expect(ignored.status).toBe(403)
    expect(await ignored.text()).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>')
    // BlockPublicAcls: setting a public ACL is refused; a private one is fine.
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: B, PublicAccessBlockConfiguration: { BlockPublicAcls: true } }))
    expect(await failure(s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'private', ACL: 'public-read' })))).toMatchObject({ name: 'AccessDenied', status: 403, message: 'Access Denied' })
    expect(await failure(s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'private', GrantRead: 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    await s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'private', ACL: 'private' }))
    // Without IgnorePublicAcls the earlier grant applies again.
    expect((await anonymousGet(em)).status).toBe(200)
  })

  it('an explicit Deny in the bucket policy wins over an ACL grant', async () => {
    const em = createEmulator()
    const s3 = await aclBucket(em)
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'hello', ACL: 'public-read' }))
    await s3.send(new PutBucketPolicyCommand({ Bucket: B, Policy: doc([{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/k` }]) }))
    expect((await anonymousGet(em)).status).toBe(403)
  })

  it('authenticated-read: any AWS account, never anonymous; a bucket READ grant lists', async () => {
    const em = createEmulator({ extraAccounts: 1 })
    const other = em.accounts().find((a) => a.accountId !== em.root.accountId)!
    const s3 = await aclBucket(em)
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'hello', ACL: 'authenticated-read' }))
    expect((await anonymousGet(em)).status).toBe(403)
    // Another account's user needs its own account's permission too (cross-account: both sides)...
    const bare = await user(em, other, 'bare')
    expect(await failure(bare.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    const reader = await user(em, other, 'reader', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])
    expect(await (await reader.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' }))).Body!.transformToString()).toBe('hello')
    // ...and the grant is what lets it in: listing the bucket is not granted.
    expect(await failure(reader.s3.send(new ListObjectsV2Command({ Bucket: B })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    await s3.send(new PutBucketAclCommand({ Bucket: B, ACL: 'authenticated-read' }))
    expect((await reader.s3.send(new ListObjectsV2Command({ Bucket: B }))).Contents!.map((o) => o.Key)).toEqual(['k'])
  })

  it("a grant to another account's canonical id (x-amz-grant-read): that account's users may read", async () => {
    const em = createEmulator({ extraAccounts: 1 })
    const other = em.accounts().find((a) => a.accountId !== em.root.accountId)!
    const s3 = await aclBucket(em, { ownership: 'BucketOwnerPreferred', openBpa: false })
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'hello' }))
    const reader = await user(em, other, 'reader', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])
    expect(await failure(reader.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    const owner = (await s3.send(new GetBucketAclCommand({ Bucket: B }))).Owner!.ID!
    const theirs = (await clients(em, other, { forcePathStyle: true }).s3.send(new CreateBucketCommand({ Bucket: 'theirs-bucket' })), (await clients(em, other, { forcePathStyle: true }).s3.send(new GetBucketAclCommand({ Bucket: 'theirs-bucket' }))).Owner!.ID!)
    await s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'k', GrantRead: `id="${theirs}"`, GrantFullControl: `id="${owner}"` }))
    expect(await (await reader.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' }))).Body!.transformToString()).toBe('hello')
    const acl = await s3.send(new GetObjectAclCommand({ Bucket: B, Key: 'k' }))
    expect(acl.Grants!.map((g) => [g.Grantee!.Type, g.Grantee!.ID, g.Permission])).toEqual([['CanonicalUser', theirs, 'READ'], ['CanonicalUser', owner, 'FULL_CONTROL']])
    // An id that is no account's, and both a canned ACL and grants, are refused as S3 does.
    expect(await failure(s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'k', GrantRead: `id="${'0'.repeat(64)}"` })))).toMatchObject({ name: 'InvalidArgument', status: 400, message: 'Invalid id' })
    expect(await failure(s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'k', ACL: 'private', GrantRead: `id="${theirs}"` })))).toMatchObject({
      name: 'InvalidRequest', status: 400, message: 'Specifying both Canned ACLs and Header Grants is not allowed',
    })
  })

  it('BucketOwnerEnforced: ACLs are disabled, grants do nothing, setting one is AccessControlListNotSupported', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root, { forcePathStyle: true })
    await s3.send(new CreateBucketCommand({ Bucket: B }))
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: B }))
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'hello' }))
    expect(await failure(s3.send(new PutObjectAclCommand({ Bucket: B, Key: 'k', ACL: 'public-read' })))).toEqual({
      name: 'AccessControlListNotSupported', status: 400, message: 'The bucket does not allow ACLs',
    })
    expect((await anonymousGet(em)).status).toBe(403)
  })
})
