/**
 * Default encryption and CORS configuration (issue 15 item 3) through SDK v3. SSE-S3 is every
 * bucket's base level since January 2023 (S3 User Guide, "Setting default server-side
 * encryption behavior"); CORS rules per the S3 User Guide, "Using CORS".
 */
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketEncryptionCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, failure } from './emulator-helpers.js'

describe('default encryption and CORS (in memory, SDK v3)', () => {
  it('SSE-S3 by default; a KMS default is reported on new objects; delete resets to SSE-S3', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'enc-bucket' }))
    const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }))).ServerSideEncryptionConfiguration!.Rules![0]!
    expect(rule).toEqual({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false })
    expect((await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'a', Body: 'x' }))).ServerSideEncryption).toBe('AES256')
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'enc-bucket',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key }, BucketKeyEnabled: true }] },
      }),
    )
    await s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'b', Body: 'x' }))
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'enc-bucket', Key: 'b' }))
    expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(['aws:kms', key])
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'enc-bucket', Key: 'a' }))).ServerSideEncryption).toBe('AES256')
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'enc-bucket' }))
    expect((await s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-bucket' }))).ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!.SSEAlgorithm).toBe('AES256')
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'enc-bucket', Key: 'c', Body: 'x', ServerSideEncryption: 'bogus' as never })))).toEqual({
      name: 'InvalidArgument',
      message: 'The encryption method specified is not supported',
      status: 400,
    })
  })

  it('CORS: NoSuchCORSConfiguration, put, get, unsupported method, delete', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'cors-bucket' }))
    expect(await failure(s3.send(new GetBucketCorsCommand({ Bucket: 'cors-bucket' })))).toEqual({
      name: 'NoSuchCORSConfiguration',
      message: 'The CORS configuration does not exist',
      status: 404,
    })
    const rules = [{ ID: 'web', AllowedOrigins: ['https://example.com'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 }]
    await s3.send(new PutBucketCorsCommand({ Bucket: 'cors-bucket', CORSConfiguration: { CORSRules: rules } }))
    expect((await s3.send(new GetBucketCorsCommand({ Bucket: 'cors-bucket' }))).CORSRules).toEqual(rules)
    const bad = await failure(s3.send(new PutBucketCorsCommand({ Bucket: 'cors-bucket', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }] } })))
    expect(bad).toEqual({ name: 'InvalidRequest', message: 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH', status: 400 })
    await s3.send(new DeleteBucketCorsCommand({ Bucket: 'cors-bucket' }))
    expect(await failure(s3.send(new GetBucketCorsCommand({ Bucket: 'cors-bucket' })))).toMatchObject({ name: 'NoSuchCORSConfiguration' })
  })
})
