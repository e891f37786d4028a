import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { clients, doc, failure, type Creds } from './emulator-helpers.js'

const ACCT = '123456789012'

async function userWith(em: Emulator, name: string, policyArn?: string): Promise<Creds> {
  const root = clients(em, em.root)
  await root.iam.send(new CreateUserCommand({ UserName: name }))
  if (policyArn) await root.iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: policyArn }))
  const k = (await root.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!
  return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }
}

describe.each([false, true])('S3 through the SDK (in memory), forcePathStyle=%s', (forcePathStyle) => {
  it('bucket lifecycle: create, list, head, location, put/get/head/copy/delete objects, BucketNotEmpty', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root, { forcePathStyle })
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-bucket' }))
    const listed = await s3.send(new ListBucketsCommand({}))
    expect(listed.Buckets!.map((b) => [b.Name, b.BucketRegion])).toEqual([['lab-bucket', 'us-east-1']])
    expect(listed.Owner!.ID).toMatch(/^[0-9a-f]{64}$/)
    expect((await s3.send(new HeadBucketCommand({ Bucket: 'lab-bucket' }))).BucketRegion).toBe('us-east-1')
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: 'lab-bucket' }))).LocationConstraint).toBeUndefined()

    const put = await s3.send(new PutObjectCommand({ Bucket: 'lab-bucket', Key: 'dir/hello.txt', Body: 'hello', ContentType: 'text/plain', Metadata: { team: 'blue' } }))
    expect(put.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"')
    // A stream body goes out aws-chunked with a CRC32 trailer; the stored object is the decoded bytes.
    await s3.send(new PutObjectCommand({ Bucket: 'lab-bucket', Key: 'dir/stream.bin', Body: Readable.from([Buffer.from('abc'), Buffer.from('def')]) }))
    const got = await s3.send(new GetObjectCommand({ Bucket: 'lab-bucket', Key: 'dir/hello.txt' }))
    expect(await got.Body!.transformToString()).toBe('hello')
    expect(got.ContentType).toBe('text/plain')
    expect(got.Metadata).toEqual({ team: 'blue' })
    expect(got.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"')
    const streamed = await s3.send(new GetObjectCommand({ Bucket: 'lab-bucket', Key: 'dir/stream.bin' }))
    expect(await streamed.Body!.transformToString()).toBe('abcdef')
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'lab-bucket', Key: 'dir/stream.bin' }))
    expect(head.ContentLength).toBe(6)
    await s3.send(new CopyObjectCommand({ Bucket: 'lab-bucket', Key: 'copy.txt', CopySource: 'lab-bucket/dir/hello.txt' }))
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'lab-bucket', Key: 'copy.txt' }))).Body!.transformToString()).toBe('hello')

    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'lab-bucket' })))
    expect(notEmpty).toEqual({ name: 'BucketNotEmpty', status: 409, message: 'The bucket you tried to delete is not empty' })
    const del = await s3.send(new DeleteObjectsCommand({ Bucket: 'lab-bucket', Delete: { Objects: [{ Key: 'dir/hello.txt' }, { Key: 'dir/stream.bin' }] } }))
    expect(del.Deleted!.map((d) => d.Key).sort()).toEqual(['dir/hello.txt', 'dir/stream.bin'])
    await s3.send(new DeleteObjectCommand({ Bucket: 'lab-bucket', Key: 'copy.txt' }))
    await s3.send(new DeleteObjectCommand({ Bucket: 'lab-bucket', Key: 'never-existed' }))
    await s3.send(new DeleteBucketCommand({ Bucket: 'lab-bucket' }))
    expect(em.inventory().buckets).toEqual([])
    const gone = await failure(s3.send(new HeadBucketCommand({ Bucket: 'lab-bucket' })))
    expect(gone.status).toBe(404)
    expect(gone.name).toBe('NotFound')
  })

  it('ListObjectsV2 with prefix, delimiter and pagination; ListObjects v1', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root, { forcePathStyle })
    await s3.send(new CreateBucketCommand({ Bucket: 'list-bucket' }))
    for (const key of ['a/1', 'a/2', 'a/b/3', 'b/4', 'c', 'd e+f']) {
      await s3.send(new PutObjectCommand({ Bucket: 'list-bucket', Key: key, Body: key }))
    }
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'list-bucket', Delimiter: '/' }))
    expect(top.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['a/', 'b/'])
    expect(top.Contents!.map((c) => c.Key)).toEqual(['c', 'd e+f'])
    expect(top.KeyCount).toBe(4)
    const under = await s3.send(new ListObjectsV2Command({ Bucket: 'list-bucket', Prefix: 'a/', Delimiter: '/' }))
    expect(under.Contents!.map((c) => [c.Key, c.Size])).toEqual([['a/1', 3], ['a/2', 3]])
    expect(under.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['a/b/'])
    const keys: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'list-bucket', MaxKeys: 2, ContinuationToken: token }))
      keys.push(...(page.Contents ?? []).map((c) => c.Key!))
      token = page.NextContinuationToken
      pages++
    } while (token)
    expect(keys).toEqual(['a/1', 'a/2', 'a/b/3', 'b/4', 'c', 'd e+f'])
    expect(pages).toBe(3)
    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'list-bucket', StartAfter: 'b/4' }))
    expect(after.Contents!.map((c) => c.Key)).toEqual(['c', 'd e+f'])
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'list-bucket', Delimiter: '/', MaxKeys: 1 }))
    expect(v1.IsTruncated).toBe(true)
    expect(v1.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['a/'])
    expect(v1.NextMarker).toBe('a/')
    const v1b = await s3.send(new ListObjectsCommand({ Bucket: 'list-bucket', Delimiter: '/', Marker: 'a/' }))
    expect(v1b.CommonPrefixes!.map((p) => p.Prefix)).toEqual(['b/'])
  })
})

describe('S3 multipart uploads (in memory)', () => {
  it('create, upload parts, complete (multipart ETag), abort, and the AWS errors', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'mp-bucket' }))
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'mp-bucket', Key: 'big.bin', ContentType: 'application/x-test' }))
    const part1 = Buffer.alloc(5 * 1024 * 1024, 1)
    const part2 = Buffer.from('tail')
    const e1 = (await s3.send(new UploadPartCommand({ Bucket: 'mp-bucket', Key: 'big.bin', UploadId, PartNumber: 1, Body: part1 }))).ETag!
    const e2 = (await s3.send(new UploadPartCommand({ Bucket: 'mp-bucket', Key: 'big.bin', UploadId, PartNumber: 2, Body: part2 }))).ETag!
    expect(await failure(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mp-bucket', Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: e2 }, { PartNumber: 1, ETag: e1 }] } })))).toMatchObject({
      name: 'InvalidPartOrder',
      status: 400,
    })
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mp-bucket', Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }))
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/)
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'mp-bucket', Key: 'big.bin' }))
    expect(head.ContentLength).toBe(part1.length + part2.length)
    expect(head.ContentType).toBe('application/x-test')
    const again = await failure(s3.send(new UploadPartCommand({ Bucket: 'mp-bucket', Key: 'big.bin', UploadId, PartNumber: 3, Body: 'x' })))
    expect(again).toMatchObject({ name: 'NoSuchUpload', status: 404 })
    const second = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'mp-bucket', Key: 'gone.bin' }))
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'mp-bucket', Key: 'gone.bin', UploadId: second.UploadId }))
    expect(em.inventory().objects).toEqual(['mp-bucket/big.bin'])
  })
})

describe('S3 authorization and errors (in memory)', () => {
  it('NoSuchKey only for callers with s3:ListBucket; others get AccessDenied with the detailed message', async () => {
    const em = createEmulator()
    const root = clients(em, em.root)
    await root.s3.send(new CreateBucketCommand({ Bucket: 'data-bucket' }))
    const reader = await userWith(em, 'reader', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')
    const f1 = await failure(clients(em, reader).s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'missing' })))
    expect(f1).toEqual({ name: 'NoSuchKey', status: 404, message: 'The specified key does not exist.' })
    const nobody = await userWith(em, 'nobody')
    const f2 = await failure(clients(em, nobody).s3.send(new GetObjectCommand({ Bucket: 'data-bucket', Key: 'missing' })))
    expect(f2).toEqual({
      name: 'AccessDenied',
      status: 403,
      message:
        'User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::data-bucket/missing" because no identity-based policy allows the s3:GetObject action',
    })
    const f3 = await failure(clients(em, reader).s3.send(new PutObjectCommand({ Bucket: 'data-bucket', Key: 'x', Body: 'x' })))
    expect(f3.name).toBe('AccessDenied')
    expect(f3.message).toBe(
      'User: arn:aws:iam::123456789012:user/reader is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::data-bucket/x" because no identity-based policy allows the s3:PutObject action',
    )
  })

  it('ListBucket carries s3:prefix: a home-folder policy with ${aws:username} lets users list only their own prefix', async () => {
    const em = createEmulator()
    const root = clients(em, em.root)
    await root.s3.send(new CreateBucketCommand({ Bucket: 'home-bucket' }))
    await root.s3.send(new PutObjectCommand({ Bucket: 'home-bucket', Key: 'home/alice/notes.txt', Body: 'a' }))
    await root.s3.send(new PutObjectCommand({ Bucket: 'home-bucket', Key: 'home/bob/notes.txt', Body: 'b' }))
    const alice = await userWith(em, 'alice')
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'home',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::home-bucket', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } },
        ]),
      }),
    )
    const s3 = clients(em, alice).s3
    const mine = await s3.send(new ListObjectsV2Command({ Bucket: 'home-bucket', Prefix: 'home/alice/' }))
    expect(mine.Contents!.map((c) => c.Key)).toEqual(['home/alice/notes.txt'])
    const theirs = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'home-bucket', Prefix: 'home/bob/' })))
    expect(theirs.message).toBe(
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::home-bucket" because no identity-based policy allows the s3:ListBucket action',
    )
    expect((await failure(s3.send(new ListObjectsV2Command({ Bucket: 'home-bucket' })))).name).toBe('AccessDenied')
  })

  it('bucket policies: validated, stored, evaluated as resource policies (grant to a user ARN)', async () => {
    const em = createEmulator()
    const root = clients(em, em.root)
    await root.s3.send(new CreateBucketCommand({ Bucket: 'shared-bucket' }))
    await root.s3.send(new PutObjectCommand({ Bucket: 'shared-bucket', Key: 'k', Body: 'v' }))
    const bob = await userWith(em, 'bob')
    expect((await failure(clients(em, bob).s3.send(new GetObjectCommand({ Bucket: 'shared-bucket', Key: 'k' })))).name).toBe('AccessDenied')
    const bad = await failure(
      root.s3.send(
        new PutBucketPolicyCommand({
          Bucket: 'shared-bucket',
          Policy: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' }]),
        }),
      ),
    )
    expect(bad).toEqual({ name: 'MalformedPolicy', status: 400, message: 'Policy has invalid resource' })
    const policy = doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/bob` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared-bucket/*' }])
    await root.s3.send(new PutBucketPolicyCommand({ Bucket: 'shared-bucket', Policy: policy }))
    expect((await root.s3.send(new GetBucketPolicyCommand({ Bucket: 'shared-bucket' }))).Policy).toBe(policy)
    const got = await clients(em, bob).s3.send(new GetObjectCommand({ Bucket: 'shared-bucket', Key: 'k' }))
    expect(await got.Body!.transformToString()).toBe('v')
    await root.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'shared-bucket' }))
    expect(await failure(root.s3.send(new GetBucketPolicyCommand({ Bucket: 'shared-bucket' })))).toEqual({
      name: 'NoSuchBucketPolicy',
      status: 404,
      message: 'The bucket policy does not exist',
    })
  })

  it('cross-account: the bucket policy AND the caller account must allow; denials are plain Access Denied', async () => {
    const em = createEmulator()
    const other = em.createAccount('210987654321')
    const owner = clients(em, em.root)
    await owner.s3.send(new CreateBucketCommand({ Bucket: 'cross-bucket' }))
    await owner.s3.send(new PutObjectCommand({ Bucket: 'cross-bucket', Key: 'k', Body: 'v' }))
    const otherRoot = clients(em, other)
    await otherRoot.iam.send(new CreateUserCommand({ UserName: 'carol' }))
    const k = (await otherRoot.iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!
    const carol = clients(em, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! })
    await owner.s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'cross-bucket',
        Policy: doc([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::cross-bucket/*' }]),
      }),
    )
    // The bucket policy trusts carol's account, but her own account has not allowed her.
    expect(await failure(carol.s3.send(new GetObjectCommand({ Bucket: 'cross-bucket', Key: 'k' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: 'Access Denied',
    })
    await otherRoot.iam.send(new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }))
    expect(await (await carol.s3.send(new GetObjectCommand({ Bucket: 'cross-bucket', Key: 'k' }))).Body!.transformToString()).toBe('v')
    // ListBuckets shows only the caller's own buckets.
    expect((await carol.s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([])
  })

  it('CreateBucket region, naming and ownership rules', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).toMatchObject({ name: 'InvalidBucketName', status: 400 })
    expect(
      // A regional endpoint refuses another region's constraint (the us-east-1 endpoint would accept it: issue 16 item 11).
      await failure(clients(em, em.root, { region: 'us-east-2' }).s3.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))),
    ).toEqual({
      name: 'IllegalLocationConstraintException',
      status: 400,
      message: 'The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.',
    })
    expect(await s3.send(new CreateBucketCommand({ Bucket: 'mine' }))).toMatchObject({ Location: '/mine', BucketArn: 'arn:aws:s3:::mine' })
    await s3.send(new CreateBucketCommand({ Bucket: 'mine' })) // us-east-1 legacy: 200
    const other = em.createAccount()
    expect(await failure(clients(em, other).s3.send(new CreateBucketCommand({ Bucket: 'mine' })))).toMatchObject({ name: 'BucketAlreadyExists', status: 409 })
    const euClient = clients(em, em.root, { region: 'eu-west-1' }).s3
    // Outside us-east-1 the Location is the bucket's global virtual-hosted URL (aws s3api create-bucket output).
    expect(await euClient.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))).toMatchObject({
      Location: 'http://eu-bucket.s3.amazonaws.com/',
      BucketArn: 'arn:aws:s3:::eu-bucket',
    })
    expect((await euClient.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }))).LocationConstraint).toBe('eu-west-1')
    expect(await failure(euClient.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })))).toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
      status: 409,
    })
    // Signing for the wrong region is refused with the bucket's region named.
    const wrong = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'eu-bucket' })))
    expect(wrong).toEqual({
      name: 'AuthorizationHeaderMalformed',
      status: 400,
      message: "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    })
  })
})
