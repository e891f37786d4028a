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
if (!available) console.warn('SKIPPED: boto3 SAML federation tests (python3 with boto3 not found on PATH)')

/**
 * boto3 over `iamflow serve`: a SAML provider created from the emulator IdP's metadata (signed
 * by root), and AssumeRoleWithSAML as boto3 sends it (unsigned), with assertions the emulator
 * issued.
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
    arn = iam.create_saml_provider(Name='campus', SAMLMetadataDocument=os.environ['METADATA'])['SAMLProviderArn']
    out['arn'] = arn
    out['list'] = [p['Arn'] for p in iam.list_saml_providers()['SAMLProviderList']]
    trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Federated': arn}, 'Action': 'sts:AssumeRoleWithSAML',
             'Condition': {'StringEquals': {'SAML:aud': 'https://signin.aws.amazon.com/saml', 'saml:sub': 'alice'}}}]}
    out['role'] = iam.create_role(RoleName='staff', AssumeRolePolicyDocument=json.dumps(trust))['Role']['Arn']
else:
    # No credentials at all: boto3 sends AssumeRoleWithSAML unsigned.
    sts = boto3.session.Session(region_name='us-east-1').client('sts', endpoint_url=ep, config=Config(signature_version=UNSIGNED, retries={'total_max_attempts': 1, 'mode': 'standard'}))
    def code(assertion):
        try:
            r = sts.assume_role_with_saml(RoleArn=os.environ['ROLE'], PrincipalArn=os.environ['PROVIDER'], SAMLAssertion=assertion)
            return [r['AssumedRoleUser']['Arn'], r['Subject'], r['SubjectType'], r['Issuer'], r['Audience'], r['NameQualifier']]
        except botocore.exceptions.ClientError as e:
            return [e.response['Error']['Code'], e.response['Error']['Message']]
    out['alice'] = code(os.environ['ALICE'])
    out['mallory'] = code(os.environ['MALLORY'])
    out['expired'] = code(os.environ['EXPIRED'])
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

describe.skipIf(!available)('SAML federation with boto3 over iamflow serve', () => {
  beforeAll(async () => {
    em = createEmulator()
    server = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('creates the provider from the IdP metadata, and boto3 exchanges emulator-issued assertions as AWS would', { timeout: 60_000 }, async () => {
    const IDP = 'https://idp.example.edu/saml'
    const sts = new STSClient({ region: 'us-east-1', endpoint: server.url, credentials: em.root, maxAttempts: 1 })
    const issuer = iamflowClient(() => sts, server.url)
    const METADATA = (await issuer.call('IamflowGetSamlIdpMetadata', { Issuer: IDP })).SAMLMetadataDocument!
    const setup = await py('setup', { METADATA })
    const provider = 'arn:aws:iam::123456789012:saml-provider/campus'
    const role = 'arn:aws:iam::123456789012:role/staff'
    expect(setup).toEqual({ arn: provider, list: [provider], role })
    const assertion = async (Subject: string, extra: Record<string, string> = {}) =>
      (await issuer.call('IamflowIssueSamlAssertion', { Issuer: IDP, Subject, Roles: JSON.stringify([`${role},${provider}`]), RoleSessionName: Subject, ...extra })).SAMLAssertion!
    const out = await py('assume', { ROLE: role, PROVIDER: provider, ALICE: await assertion('alice'), MALLORY: await assertion('mallory'), EXPIRED: await assertion('alice', { ExpiresInSeconds: '-1' }) })
    sts.destroy()
    expect(out).toEqual({
      alice: [
        'arn:aws:sts::123456789012:assumed-role/staff/alice',
        'alice',
        'persistent',
        IDP,
        'https://signin.aws.amazon.com/saml',
        expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/),
      ],
      mallory: ['AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML'],
      expired: ['ExpiredTokenException', 'Token must be redeemed within 5 minutes of issuance'],
    })
  })
})
