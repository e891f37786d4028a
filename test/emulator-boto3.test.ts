import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { hasBoto3 } from './helpers/boto3.js'

const run = promisify(execFile)

const available = await hasBoto3()
if (!available) console.warn('SKIPPED: boto3 tests (python3 with boto3 not found on PATH)')

/** The Python side: one JSON object of results on stdout. Credentials come from the environment. */
const SCRIPT = String.raw`
import json, os, sys
import boto3, botocore
from botocore.config import Config
ep = os.environ['EP']
cfg = Config(retries={'total_max_attempts': 1, 'mode': 'standard'})
def sess(ak, sk, token=None):
    return boto3.session.Session(aws_access_key_id=ak, aws_secret_access_key=sk, aws_session_token=token, region_name='us-east-1')
def client(s, name):
    return s.client(name, endpoint_url=ep, config=cfg)
def code(fn):
    try:
        fn()
        return None
    except botocore.exceptions.ClientError as e:
        return e.response['Error']['Code']
root = sess(os.environ['AK'], os.environ['SK'])
mode = sys.argv[1]
out = {}
if mode == 'seed':
    iam, s3 = client(root, 'iam'), client(root, 's3')
    s3.create_bucket(Bucket='py-bucket')
    s3.put_object(Bucket='py-bucket', Key='k.txt', Body=b'hello boto3')
    out['object'] = s3.get_object(Bucket='py-bucket', Key='k.txt')['Body'].read().decode()
    iam.create_user(UserName='py-user')
    key = iam.create_access_key(UserName='py-user')['AccessKey']
    trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:user/py-user'}, 'Action': 'sts:AssumeRole'}]}
    role = iam.create_role(RoleName='py-role', AssumeRolePolicyDocument=json.dumps(trust))['Role']
    out['trust'] = iam.get_role(RoleName='py-role')['Role']['AssumeRolePolicyDocument']
    pol = iam.create_policy(PolicyName='py-list', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:ListAllMyBuckets', 'Resource': '*'}]}))['Policy']
    iam.attach_role_policy(RoleName='py-role', PolicyArn=pol['Arn'])
    user = sess(key['AccessKeyId'], key['SecretAccessKey'])
    out['user_list'] = code(lambda: client(user, 's3').list_buckets())
    creds = client(user, 'sts').assume_role(RoleArn=role['Arn'], RoleSessionName='py-session')['Credentials']
    rs = sess(creds['AccessKeyId'], creds['SecretAccessKey'], creds['SessionToken'])
    out['who'] = client(rs, 'sts').get_caller_identity()['Arn']
    out['buckets'] = [b['Name'] for b in client(rs, 's3').list_buckets()['Buckets']]
    iam.detach_role_policy(RoleName='py-role', PolicyArn=pol['Arn'])
    iam.delete_policy(PolicyArn=pol['Arn'])
    iam.delete_role(RoleName='py-role')
    iam.delete_access_key(UserName='py-user', AccessKeyId=key['AccessKeyId'])
    iam.delete_user(UserName='py-user')
    s3.delete_object(Bucket='py-bucket', Key='k.txt')
    s3.delete_bucket(Bucket='py-bucket')
elif mode == 'session':
    iam = client(root, 'iam')
    iam.create_user(UserName='py-stale')
    key = iam.create_access_key(UserName='py-stale')['AccessKey']
    trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:user/py-stale'}, 'Action': 'sts:AssumeRole'}]}
    role = iam.create_role(RoleName='py-stale-role', AssumeRolePolicyDocument=json.dumps(trust))['Role']
    c = client(sess(key['AccessKeyId'], key['SecretAccessKey']), 'sts').assume_role(RoleArn=role['Arn'], RoleSessionName='stale', DurationSeconds=900)['Credentials']
    out = {'ak': c['AccessKeyId'], 'sk': c['SecretAccessKey'], 'token': c['SessionToken']}
elif mode == 'negatives':
    out['wrong_secret'] = code(lambda: client(sess(os.environ['AK'], 'x' * 40), 'sts').get_caller_identity())
    out['wrong_secret_s3'] = code(lambda: client(sess(os.environ['AK'], 'x' * 40), 's3').list_buckets())
    out['unknown_key'] = code(lambda: client(sess('AKIAUNKNOWNUNKNOWN22', os.environ['SK']), 'iam').list_users())
    out['unknown_key_s3'] = code(lambda: client(sess('AKIAUNKNOWNUNKNOWN22', os.environ['SK']), 's3').list_buckets())
elif mode == 'stale':
    s = sess(os.environ['SAK'], os.environ['SSK'], os.environ['STOKEN'])
    out['sts'] = code(lambda: client(s, 'sts').get_caller_identity())
    out['s3'] = code(lambda: client(s, 's3').list_buckets())
elif mode == 's3-controls':
    s3 = client(root, 's3')
    s3.create_bucket(Bucket='py-controls')
    s3.put_bucket_versioning(Bucket='py-controls', VersioningConfiguration={'Status': 'Enabled'})
    v1 = s3.put_object(Bucket='py-controls', Key='k', Body=b'one', Tagging='class=old')['VersionId']
    s3.put_object(Bucket='py-controls', Key='k', Body=b'two', StorageClass='REDUCED_REDUNDANCY', ContentEncoding='identity')
    marker = s3.delete_object(Bucket='py-controls', Key='k')
    out['marker'] = [marker['DeleteMarker'], len(marker['VersionId'])]
    out['old'] = s3.get_object(Bucket='py-controls', Key='k', VersionId=v1)['Body'].read().decode()
    out['old_tags'] = s3.get_object_tagging(Bucket='py-controls', Key='k', VersionId=v1)['TagSet']
    listed = s3.list_object_versions(Bucket='py-controls')
    out['versions'] = [[v['IsLatest'], v['StorageClass']] for v in listed['Versions']]
    out['markers'] = [m['IsLatest'] for m in listed['DeleteMarkers']]
    out['current'] = code(lambda: s3.get_object(Bucket='py-controls', Key='k'))
    out['pab'] = s3.get_public_access_block(Bucket='py-controls')['PublicAccessBlockConfiguration']
    public = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::py-controls/*'}]}
    out['public_policy'] = code(lambda: s3.put_bucket_policy(Bucket='py-controls', Policy=json.dumps(public)))
    out['acl'] = code(lambda: s3.put_object(Bucket='py-controls', Key='a', Body=b'x', ACL='public-read'))
    out['ownership'] = s3.get_bucket_ownership_controls(Bucket='py-controls')['OwnershipControls']['Rules']
    for v in listed['Versions'] + listed['DeleteMarkers']:
        s3.delete_object(Bucket='py-controls', Key=v['Key'], VersionId=v['VersionId'])
    s3.delete_bucket(Bucket='py-controls')
elif mode == 'skew':
    out['sts'] = code(lambda: client(root, 'sts').get_caller_identity())
    out['s3'] = code(lambda: client(root, 's3').list_buckets())
print(json.dumps(out))
`

let offset = 0
let em: Emulator
let server: RunningServer

async function py(mode: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { stdout } = await run('python3', ['-c', SCRIPT, mode], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', EP: server.url, AK: em.root.accessKeyId, SK: em.root.secretAccessKey, ...env },
    timeout: 60_000,
  })
  return JSON.parse(stdout) as Record<string, unknown>
}

describe.skipIf(!available)('iamflow serve with boto3', () => {
  beforeAll(async () => {
    em = createEmulator({ clock: { now: () => Date.now() + offset } })
    server = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('runs the seed flow and leaves nothing behind', { timeout: 60_000 }, async () => {
    const out = await py('seed')
    expect(out).toEqual({
      object: 'hello boto3',
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/py-user' }, Action: 'sts:AssumeRole' }] },
      user_list: 'AccessDenied',
      who: 'arn:aws:sts::123456789012:assumed-role/py-role/py-session',
      buckets: ['py-bucket'],
    })
    expect(em.inventory()).toMatchObject({ users: [], roles: [], policies: [], accessKeys: [], buckets: [] })
  })

  it('S3 versioning, tagging, Block Public Access and Object Ownership through boto3 (issue 15)', { timeout: 60_000 }, async () => {
    expect(await py('s3-controls')).toEqual({
      marker: [true, 32],
      old: 'one',
      old_tags: [{ Key: 'class', Value: 'old' }],
      versions: [
        [false, 'REDUCED_REDUNDANCY'],
        [false, 'STANDARD'],
      ],
      markers: [true],
      current: 'NoSuchKey',
      pab: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      public_policy: 'AccessDenied',
      acl: 'AccessControlListNotSupported',
      ownership: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    })
    expect(em.inventory()).toMatchObject({ buckets: [] })
  })

  it('refuses a wrong secret, an unknown key, a stale token and a skewed clock', { timeout: 60_000 }, async () => {
    expect(await py('negatives')).toEqual({
      wrong_secret: 'SignatureDoesNotMatch',
      wrong_secret_s3: 'SignatureDoesNotMatch',
      unknown_key: 'InvalidClientTokenId',
      unknown_key_s3: 'InvalidAccessKeyId',
    })
    const s = (await py('session')) as { ak: string; sk: string; token: string }
    offset = 16 * 60 * 1000
    try {
      expect(await py('stale', { SAK: s.ak, SSK: s.sk, STOKEN: s.token })).toEqual({ sts: 'ExpiredToken', s3: 'ExpiredToken' })
      expect(await py('skew')).toEqual({ sts: 'SignatureDoesNotMatch', s3: 'RequestTimeTooSkewed' })
    } finally {
      offset = 0
    }
  })
})
