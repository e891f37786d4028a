import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { EXAMPLE_ROOT_KEY } from '../src/emulator/index.js'
import { type Spawned, spawnIamflow } from './run-cli-helpers.js'
import { cleanTmp, tmp } from './runner-helpers.js'

const exec = promisify(execFile)
const has = async (cmd: string, args: string[]) => exec(cmd, args).then(() => true, () => false)
const hasAws = await has('aws', ['--version'])
const hasBoto3 = await has('python3', ['-c', 'import boto3'])
if (!hasAws) console.warn('SKIPPED: serve --tls with the AWS CLI (aws not found on PATH)')
if (!hasBoto3) console.warn('SKIPPED: serve --tls with boto3 (python3 with boto3 not found)')

const servers: Spawned[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGTERM')
    await s.exit
  }
  cleanTmp()
})

const base = { AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_ROOT_KEY.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_REGION: 'us-east-1', NO_COLOR: '1' }

async function serveTls(): Promise<{ url: string; bundle: string; cwd: string }> {
  const cwd = tmp()
  const server = spawnIamflow(['serve', '--tls', '--port', '0', '--quiet'], { cwd, env: { ...base, AWS_ENDPOINT_URL: '' } })
  servers.push(server)
  const [, url] = await server.waitFor(/listening on (https:\/\/\S+)/)
  const [, bundle] = await server.waitFor(/export AWS_CA_BUNDLE=(\S+)/)
  return { url: url!, bundle: bundle!, cwd }
}

const denyPlainHttp = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  })

describe('iamflow serve --tls', () => {
  it('serves HTTPS with a self-signed CA certificate for loopback and prints its AWS_CA_BUNDLE', async () => {
    const { url, bundle } = await serveTls()
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const cert = new X509Certificate(readFileSync(bundle))
    expect(cert.ca).toBe(true)
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1')
  })

  it.skipIf(!hasAws)('AWS CLI v1 talks to it with AWS_CA_BUNDLE and no insecure flag; a deny-plain-HTTP bucket policy lets it through', { timeout: 180_000 }, async () => {
    const { url, bundle, cwd } = await serveTls()
    const env = { ...process.env, ...base, AWS_ENDPOINT_URL: url, AWS_CA_BUNDLE: bundle, AWS_MAX_ATTEMPTS: '1' }
    const aws = (...args: string[]) => exec('aws', [...args, '--output', 'json'], { env, cwd })
    const who = JSON.parse((await aws('sts', 'get-caller-identity')).stdout) as { Arn: string }
    expect(who.Arn).toBe('arn:aws:iam::123456789012:root')
    await aws('s3api', 'create-bucket', '--bucket', 'tls-cli')
    await aws('s3api', 'put-bucket-policy', '--bucket', 'tls-cli', '--policy', denyPlainHttp('tls-cli'))
    await aws('s3api', 'put-object', '--bucket', 'tls-cli', '--key', 'a.txt')
    const listed = JSON.parse((await aws('s3api', 'list-objects-v2', '--bucket', 'tls-cli')).stdout) as { Contents: Array<{ Key: string }> }
    expect(listed.Contents.map((o) => o.Key)).toEqual(['a.txt'])
    // Without the bundle the same client refuses the certificate: the trust comes from AWS_CA_BUNDLE.
    const { AWS_CA_BUNDLE: _bundle, ...withoutBundle } = env
    const untrusted = await exec('aws', ['sts', 'get-caller-identity'], { env: withoutBundle, cwd }).then(() => 'ok', (e: { stderr: string }) => e.stderr)
    expect(untrusted).toMatch(/SSL|certificate/i)
  })

  it.skipIf(!hasBoto3)('boto3 talks to it with AWS_CA_BUNDLE and no verify=False', { timeout: 60_000 }, async () => {
    const { url, bundle, cwd } = await serveTls()
    const script = `
import boto3, json
s3 = boto3.client('s3')
s3.create_bucket(Bucket='tls-py')
s3.put_bucket_policy(Bucket='tls-py', Policy=${JSON.stringify(denyPlainHttp('tls-py'))})
s3.put_object(Bucket='tls-py', Key='b.txt', Body=b'over tls')
print(json.dumps({'who': boto3.client('sts').get_caller_identity()['Arn'], 'body': s3.get_object(Bucket='tls-py', Key='b.txt')['Body'].read().decode()}))
`
    const { stdout } = await exec('python3', ['-c', script], { env: { ...process.env, ...base, AWS_ENDPOINT_URL: url, AWS_CA_BUNDLE: bundle }, cwd })
    expect(JSON.parse(stdout)).toEqual({ who: 'arn:aws:iam::123456789012:root', body: 'over tls' })
  })
})
