/**
 * Block Public Access at bucket level (issue 15 item 3) through SDK v3: the default of new
 * buckets (all four settings on since April 2023, S3 User Guide "Default settings for new S3
 * buckets FAQ"), BlockPublicPolicy refusing a public policy with the reason S3 gives (as quoted
 * in public reports), and RestrictPublicBuckets ignoring a public policy for anonymous and
 * cross-account callers.
 */
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure } from './emulator-helpers.js'

const publicRead = doc([{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pab-bucket/*' }])
const anonymousGet = (em: ReturnType<typeof createEmulator>) => em.handle(new Request('http://localhost:4566/pab-bucket/k'))

describe('Block Public Access (in memory, SDK v3)', () => {
  it('new buckets block everything; Put/Get/DeletePublicAccessBlock', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'pab-bucket' }))
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bucket' }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    })
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-bucket', PublicAccessBlockConfiguration: { BlockPublicPolicy: false, BlockPublicAcls: true } }))
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bucket' }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    })
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'pab-bucket' }))
    expect(await failure(s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-bucket' })))).toEqual({
      name: 'NoSuchPublicAccessBlockConfiguration',
      message: 'The public access block configuration was not found',
      status: 404,
    })
  })

  it('BlockPublicPolicy refuses a public policy; a policy pinned by aws:SourceIp is not public', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'pab-bucket' }))
    expect(await failure(s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-bucket', Policy: publicRead })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message:
        'User: arn:aws:iam::123456789012:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::pab-bucket" because public policies are blocked by the BlockPublicPolicy block public access setting.',
    })
    const pinned = doc([
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pab-bucket/*', Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } },
    ])
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-bucket', Policy: pinned }))
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'pab-bucket' }))).PolicyStatus).toEqual({ IsPublic: false })
    const wide = doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pab-bucket/*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }])
    expect(await failure(s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-bucket', Policy: wide })))).toMatchObject({ name: 'AccessDenied' })
  })

  it('RestrictPublicBuckets: a stored public policy grants nothing to anonymous or cross-account callers', async () => {
    const em = createEmulator()
    const { s3 } = clients(em, em.root)
    await s3.send(new CreateBucketCommand({ Bucket: 'pab-bucket' }))
    await s3.send(new PutObjectCommand({ Bucket: 'pab-bucket', Key: 'k', Body: 'hello' }))
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-bucket', PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: false } }))
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'pab-bucket', Policy: publicRead }))
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'pab-bucket' }))).PolicyStatus).toEqual({ IsPublic: true })
    expect((await anonymousGet(em)).status).toBe(200)
    const other = clients(em, em.createAccount()).s3
    expect(await (await other.send(new GetObjectCommand({ Bucket: 'pab-bucket', Key: 'k' }))).Body!.transformToString()).toBe('hello')
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'pab-bucket', PublicAccessBlockConfiguration: { BlockPublicPolicy: false, RestrictPublicBuckets: true } }))
    const anon = await anonymousGet(em)
    expect(anon.status).toBe(403)
    expect(await anon.text()).toContain('<Code>AccessDenied</Code>')
    expect(await failure(other.send(new GetObjectCommand({ Bucket: 'pab-bucket', Key: 'k' })))).toMatchObject({ name: 'AccessDenied', status: 403 })
    // The owner's account is unaffected.
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'pab-bucket', Key: 'k' }))).Body!.transformToString()).toBe('hello')
  })
})
