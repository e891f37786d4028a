import { GetUserCommand } from '@aws-sdk/client-iam'
import { ListBucketsCommand } from '@aws-sdk/client-s3'
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http'
import { Readable } from 'node:stream'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ClientFactory, decisionOfOutput } from '../src/aws/clients.js'
import { CredentialHandle } from '../src/aws/credentials.js'
import { toOutcome } from '../src/aws/errors.js'

const userBody = `<GetUserResponse><GetUserResult><User><UserName>x</UserName><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>AIDAX</UserId><Path>/</Path><CreateDate>2020-01-01T00:00:00Z</CreateDate></User></GetUserResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetUserResponse>`
const denied = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/x is not authorized to perform: iam:GetUser on resource: arn:aws:iam::123456789012:user/x because no identity-based policy allows the iam:GetUser action</Message></Error><RequestId>req-9</RequestId></ErrorResponse>`

function fakeHandler(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: HttpRequest[] = []
  return {
    seen,
    handle: async (req: HttpRequest) => {
      seen.push(req)
      return { response: new HttpResponse({ statusCode: status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-9', ...headers }, body: Readable.from([Buffer.from(body)]) }) }
    },
  }
}

const operator = CredentialHandle.seal('operator', { accessKeyId: 'AKIAOPERATOR', secretAccessKey: 'operator-secret-value' })

describe('ClientFactory', () => {
  it('signs with the acting identity and remembers the decision header of a success', async () => {
    const handler = fakeHandler(200, userBody, { 'x-iamflow-decision': '{"decision":"Allowed","by":"identity","matched":[],"summary":"allowed by P"}' })
    const factory = new ClientFactory({ kind: 'embedded', region: 'us-east-1', endpoint: 'http://emulator.local', requestHandler: handler as never }, operator)
    const demo = CredentialHandle.seal('demo', { accessKeyId: 'ASIADEMO', secretAccessKey: 's', sessionToken: 'tok' })
    const out = await factory.clientsFor(demo).iam.send(new GetUserCommand({ UserName: 'x' }))
    expect(out.User?.Arn).toBe('arn:aws:iam::123456789012:user/x')
    expect(decisionOfOutput(out)).toEqual({ decision: 'Allowed', by: 'identity', matched: [], summary: 'allowed by P' })
    expect(handler.seen[0].headers.authorization).toContain('Credential=ASIADEMO/')
    expect(handler.seen[0].headers['x-amz-security-token']).toBe('tok')
    expect(factory.clientsFor(demo)).toBe(factory.clientsFor(demo))
    await factory.clientsFor().iam.send(new GetUserCommand({ UserName: 'x' }))
    expect(handler.seen[1].headers.authorization).toContain('Credential=AKIAOPERATOR/')
  })

  it('uses path-style S3 addressing off AWS', async () => {
    const handler = fakeHandler(200, '<ListAllMyBucketsResult><Buckets></Buckets><Owner><ID>abc</ID></Owner></ListAllMyBucketsResult>')
    const factory = new ClientFactory({ kind: 'endpoint', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566', requestHandler: handler as never }, operator)
    const out = await factory.clientsFor().s3.send(new ListBucketsCommand({}))
    expect(out.Owner?.ID).toBe('abc')
    expect(handler.seen[0].hostname).toBe('127.0.0.1')
    expect(handler.seen[0].port).toBe(4566)
  })

  it('turns a denial into an outcome with the wire code, request id and decision', async () => {
    const handler = fakeHandler(403, denied, { 'x-iamflow-decision': '{"decision":"ImplicitDeny","by":"identity","summary":"no statement allows iam:GetUser"}' })
    const factory = new ClientFactory({ kind: 'embedded', region: 'us-east-1', endpoint: 'http://emulator.local', requestHandler: handler as never }, operator)
    const err = await factory.clientsFor().iam.send(new GetUserCommand({ UserName: 'x' })).catch((e: unknown) => e)
    expect(toOutcome(err)).toEqual({
      kind: 'error',
      code: 'AccessDenied',
      message: expect.stringContaining('because no identity-based policy allows the iam:GetUser action'),
      status: 403,
      requestId: 'req-9',
      decision: { decision: 'ImplicitDeny', by: 'identity', summary: 'no statement allows iam:GetUser', matched: undefined },
      ambiguous: false,
    })
  })

  it('never shows secrets when a handle is printed or serialised', () => {
    const h = CredentialHandle.seal('demo', { accessKeyId: 'AKIA1', secretAccessKey: 'very-secret', sessionToken: 'token-123' })
    const text = `${h} ${JSON.stringify({ h })} ${inspect(h)} ${inspect({ h }, { showHidden: true, depth: 5 })}`
    expect(text).not.toContain('very-secret')
    expect(text).not.toContain('token-123')
    expect(JSON.stringify(h)).toBe('"[credentials demo]"')
  })
})
