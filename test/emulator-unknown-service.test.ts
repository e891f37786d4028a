/**
 * Endpoint compatibility (issue 15 item 4): a request for a service iamflow does not emulate is
 * answered in that service's protocol, naming iamflow and the service; an IAM client signing
 * with any region works at a custom endpoint.
 */
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator, createInMemoryHandler } from '../src/emulator/index.js'
import { signedRequest } from './emulator-signing.js'

describe('services iamflow does not serve', () => {
  it('a JSON service gets a JSON error naming iamflow and the service', async () => {
    const em = createEmulator()
    const res = await em.handle(
      await signedRequest({
        service: 'dynamodb' as never, // a service the signing helper does not type: iamflow must still answer it
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        body: '{}',
        creds: em.root,
      }),
    )
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0')
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownService')
    const body = (await res.json()) as Record<string, string>
    expect(body.__type).toBe('UnknownService')
    expect(body.message).toBe("iamflow does not emulate the 'dynamodb' service: it serves IAM, STS and S3 only.")
  })

  it('a Query service gets the Query XML envelope with the same message', async () => {
    const em = createEmulator()
    const res = await em.handle(
      await signedRequest({ service: 'sqs' as never, method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'Action=ListQueues&Version=2012-11-05', creds: em.root }),
    )
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toContain('<Code>UnknownService</Code>')
    expect(text).toContain('iamflow does not emulate the &apos;sqs&apos; service')
  })
})

describe('IAM at a custom endpoint', () => {
  it.each(['eu-central-1', 'ap-southeast-2'])('an IAM client for %s works (SDK v3 signs with the client region)', async (region) => {
    const em = createEmulator()
    const iam = new IAMClient({ region, endpoint: 'http://localhost:4566', credentials: em.root, requestHandler: createInMemoryHandler(em), maxAttempts: 1 })
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([])
  })
})
