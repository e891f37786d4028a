import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { ClientFactory } from '../src/aws/clients.js'
import { CredentialHandle } from '../src/aws/credentials.js'
import { createEmulator, createInMemoryHandler, EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { runIamflow, type Spawned, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

const operator = CredentialHandle.seal('operator', { accessKeyId: EXAMPLE_ROOT_KEY.accessKeyId, secretAccessKey: EXAMPLE_ROOT_KEY.secretAccessKey })
const env = { AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: '', NO_COLOR: '1' }

/** A handler that records requests and answers every one with an empty 200. */
function recorder() {
  const seen: HttpRequest[] = []
  return {
    seen,
    handle: async (req: HttpRequest) => {
      seen.push(req)
      return { response: new HttpResponse({ statusCode: 200, headers: { 'content-length': '0' }, body: Readable.from([]) }) }
    },
  }
}

const servers: Spawned[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGTERM')
    await s.exit
  }
  cleanTmp()
})

const SCENARIO = `name: s3-round-trip
description: create a bucket, put an object, read it back
vars:
  bucket: iamflow-addressing-\${{ run.id }}
steps:
  - id: create-bucket
    action: s3.createBucket
    input: { Bucket: "\${{ bucket }}" }
  - id: put
    action: s3.putObject
    input: { Bucket: "\${{ bucket }}", Key: notes/hello.txt, Body: "hello over loopback" }
  - id: get
    action: s3.getObject
    input: { Bucket: "\${{ bucket }}", Key: notes/hello.txt }
    expect:
      output:
        Body: hello over loopback
`

describe('S3 addressing by target (src/aws/clients.ts)', () => {
  it('endpoint targets use path-style; real AWS keeps virtual-hosted addressing', async () => {
    const local = recorder()
    const endpoint = new ClientFactory({ kind: 'endpoint', region: 'us-east-1', endpoint: 'http://localhost:4566', requestHandler: local as never }, operator)
    await endpoint.clientsFor().s3.send(new PutObjectCommand({ Bucket: 'lab-bucket', Key: 'a/b.txt', Body: 'x' }))
    expect([local.seen[0]!.hostname, local.seen[0]!.port, local.seen[0]!.path]).toEqual(['localhost', 4566, '/lab-bucket/a/b.txt'])

    const aws = recorder()
    const real = new ClientFactory({ kind: 'aws', region: 'eu-west-1', requestHandler: aws as never }, operator)
    await real.clientsFor().s3.send(new PutObjectCommand({ Bucket: 'lab-bucket', Key: 'a/b.txt', Body: 'x' }))
    expect([aws.seen[0]!.hostname, aws.seen[0]!.path]).toEqual(['lab-bucket.s3.eu-west-1.amazonaws.com', '/a/b.txt'])
    endpoint.destroy()
    real.destroy()
  })

  it('the embedded emulator round-trips an object through the factory', async () => {
    const em = createEmulator()
    const factory = new ClientFactory({ kind: 'embedded', region: 'us-east-1', endpoint: 'http://localhost:4566', requestHandler: createInMemoryHandler(em) }, operator)
    const s3 = factory.clientsFor().s3
    await s3.send(new CreateBucketCommand({ Bucket: 'embedded-bucket' }))
    await s3.send(new PutObjectCommand({ Bucket: 'embedded-bucket', Key: 'k.txt', Body: 'in memory' }))
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'embedded-bucket', Key: 'k.txt' }))).Body!.transformToString()).toBe('in memory')
    expect(em.inventory().objects).toEqual(['embedded-bucket/k.txt'])
  })

  it('iamflow run --endpoint-url http://localhost:<port> against iamflow serve creates a bucket and puts/gets an object (<bucket>.localhost does not resolve here)', async () => {
    const cwd = tmp()
    const server = spawnIamflow(['serve', '--port', '0', '--quiet'], { cwd, env })
    servers.push(server)
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
    const endpoint = url!.replace('127.0.0.1', 'localhost')
    const file = join(cwd, 's3-round-trip.yaml')
    writeFileSync(file, SCENARIO)
    const run = await runIamflow(['run', file, '--endpoint-url', endpoint], { cwd, env })
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/✓ get\s+s3\.getObject\s+ok/)
    expect(run.stdout).toContain('PASSED 3/3 steps passed')
    expect(run.stdout).toContain('teardown: 2 undone')
    expect(run.code).toBe(0)
  })
})
