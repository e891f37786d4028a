import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { iamflowClient } from '../src/aws/emulator-call.js'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { hasBoto3 } from './helpers/boto3.js'

const run = promisify(execFile)

const available = await hasBoto3()
if (!available) console.warn('SKIPPED: boto3 web identity tests (python3 with boto3 not found on PATH)')

/**
 * boto3 over `iamflow serve`: OIDC provider operations signed by root, and
 * AssumeRoleWithWebIdentity as boto3 sends it (unsigned), with a token the emulator issued.
 */
const SCRIPT = String.raw`
import json, os, sys
import boto3, botocore
from botocore.config import Config
from botocore import UNSIGNED
ep = os.environ['EP']
cfg = Config(retries={'total_max_attempts': 1, 'mode': 'standard'})
root = boto3.session.Session(aws_access_key_id=os.environ['AK'], aws_secret_access_key=os.environ['SK'], region_name='us-east-1')
iam = root.client('iam', endpoint_url=ep, config=cfg)
out = {}
mode = sys.argv[1]
if mode == 'setup':
    arn = iam.create_open_id_connect_provider(Url='https://token.actions.githubusercontent.com', ClientIDList=['sts.amazonaws.com'])['OpenIDConnectProviderArn']
    out['arn'] = arn
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    out['url'] = got['Url']
    out['clients'] = got['ClientIDList']
    out['list'] = [p['Arn'] for p in iam.list_open_id_connect_providers()['OpenIDConnectProviderList']]
    trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Federated': arn}, 'Action': 'sts:AssumeRoleWithWebIdentity',
             'Condition': {'StringEquals': {'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main'}}}]}
    out['role'] = iam.create_role(RoleName='gh', AssumeRolePolicyDocument=json.dumps(trust))['Role']['Arn']
else:
    # No credentials at all: boto3 sends AssumeRoleWithWebIdentity unsigned.
    sts = boto3.session.Session(region_name='us-east-1').client('sts', endpoint_url=ep, config=Config(signature_version=UNSIGNED, retries={'total_max_attempts': 1, 'mode': 'standard'}))
    def code(token):
        try:
            r = sts.assume_role_with_web_identity(RoleArn=os.environ['ROLE'], RoleSessionName='py', WebIdentityToken=token)
            return [r['AssumedRoleUser']['Arn'], r['SubjectFromWebIdentityToken'], r['Provider'], r['Audience']]
        except botocore.exceptions.ClientError as e:
            return e.response['Error']['Code']
    out['main'] = code(os.environ['MAIN'])
    out['branch'] = code(os.environ['BRANCH'])
    out['audience'] = code(os.environ['AUD'])
print(json.dumps(out))
`

let em: Emulator
let server: RunningServer

async function py(mode: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { stdout } = await run('python3', ['-c', SCRIPT, mode], {
    env: { ...process.env, EP: server.url, AK: em.root.accessKeyId, SK: em.root.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true', ...env },
  })
  return JSON.parse(stdout) as Record<string, unknown>
}

describe.skipIf(!available)('web identity federation with boto3 over iamflow serve', () => {
  beforeAll(async () => {
    em = createEmulator()
    server = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('creates the provider, and boto3 exchanges emulator-issued tokens as AWS would', { timeout: 60_000 }, async () => {
    const setup = await py('setup')
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'
    expect(setup).toEqual({ arn, url: 'token.actions.githubusercontent.com', clients: ['sts.amazonaws.com'], list: [arn], role: 'arn:aws:iam::123456789012:role/gh' })
    const sts = new STSClient({ region: 'us-east-1', endpoint: server.url, credentials: em.root, maxAttempts: 1 })
    const issuer = iamflowClient(() => sts, server.url)
    const token = async (Subject: string, Audience = 'sts.amazonaws.com') =>
      (await issuer.call('IamflowIssueOidcToken', { Issuer: 'https://token.actions.githubusercontent.com', Subject, Audience })).Token!
    const out = await py('assume', {
      ROLE: 'arn:aws:iam::123456789012:role/gh',
      MAIN: await token('repo:acme/app:ref:refs/heads/main'),
      BRANCH: await token('repo:acme/app:ref:refs/heads/dev'),
      AUD: await token('repo:acme/app:ref:refs/heads/main', 'other'),
    })
    sts.destroy()
    expect(out).toEqual({
      main: ['arn:aws:sts::123456789012:assumed-role/gh/py', 'repo:acme/app:ref:refs/heads/main', 'https://token.actions.githubusercontent.com', 'sts.amazonaws.com'],
      branch: 'AccessDenied',
      audience: 'InvalidIdentityToken',
    })
  })
})
