/**
 * Signature Version 2 (issue 15 item 3): a SigV2 query-string presigned URL (what boto3 makes
 * with `signature_version='s3'`, older boto3's default) or `Authorization: AWS ...` header is
 * refused as S3 refuses it in SigV4-only Regions, never served as an anonymous request
 * (which a public bucket policy would let through).
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { CreateBucketCommand, DeletePublicAccessBlockCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc } from './emulator-helpers.js'

const MESSAGE = 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.'

async function publicBucket() {
  const em = createEmulator()
  const { s3 } = clients(em, em.root, { forcePathStyle: true })
  await s3.send(new CreateBucketCommand({ Bucket: 'v2-bucket' }))
  await s3.send(new PutObjectCommand({ Bucket: 'v2-bucket', Key: 'k', Body: 'public' }))
  await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'v2-bucket' }))
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'v2-bucket', Policy: doc([{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::v2-bucket/*' }]) }))
  return em
}

async function boto3V2Url(): Promise<string | undefined> {
  const script = `
import boto3
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url='http://localhost:4566', aws_access_key_id='AKIAIOSFODNN7EXAMPLE', aws_secret_access_key='x' * 40, region_name='us-east-1', config=Config(signature_version='s3', s3={'addressing_style': 'path'}))
print(s3.generate_presigned_url('get_object', Params={'Bucket': 'v2-bucket', 'Key': 'k'}, ExpiresIn=300))
`
  try {
    return (await promisify(execFile)('python3', ['-c', script])).stdout.trim()
  } catch {
    console.warn('SKIPPED: boto3 SigV2 URL (python3 with boto3 not found)')
    return undefined
  }
}

describe('SigV2 is refused, never anonymous', () => {
  it('a boto3 SigV2 presigned URL: 400 InvalidRequest even where anonymous reads are allowed', async () => {
    const em = await publicBucket()
    expect((await em.handle(new Request('http://localhost:4566/v2-bucket/k'))).status).toBe(200) // anonymous works here
    const url = (await boto3V2Url()) ?? 'http://localhost:4566/v2-bucket/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=N7MkL9k%2FVU5e2hjHNc2kZctMmOc%3D&Expires=1796253723'
    expect(url).toContain('AWSAccessKeyId=')
    const res = await em.handle(new Request(url))
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toContain('<Code>InvalidRequest</Code>')
    expect(text).toContain(`<Message>${MESSAGE}</Message>`)
  })

  it('an Authorization: AWS header gets the same answer', async () => {
    const em = await publicBucket()
    const res = await em.handle(new Request('http://localhost:4566/v2-bucket/k', { headers: { authorization: 'AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl', date: new Date().toUTCString() } }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(`<Message>${MESSAGE}</Message>`)
  })
})
