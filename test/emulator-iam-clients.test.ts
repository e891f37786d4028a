import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'

/** IAM over loopback with boto3 and the AWS CLI: parsing, document decoding, error codes. */

const run = promisify(execFile)

async function works(cmd: string, args: string[]): Promise<boolean> {
  try {
    await run(cmd, args)
    return true
  } catch {
    return false
  }
}
const hasBoto3 = await works('python3', ['-c', 'import boto3'])
const hasCli = await works('aws', ['--version'])
if (!hasBoto3) console.warn('SKIPPED: IAM boto3 tests (python3 with boto3 not found on PATH)')
if (!hasCli) console.warn('SKIPPED: IAM AWS CLI tests (aws not found on PATH)')

const SCRIPT = String.raw`
import json, os
import boto3, botocore
from botocore.config import Config
cfg = Config(retries={'total_max_attempts': 1, 'mode': 'standard'})
iam = boto3.session.Session(aws_access_key_id=os.environ['AK'], aws_secret_access_key=os.environ['SK'], region_name='us-east-1').client('iam', endpoint_url=os.environ['EP'], config=cfg)
def err(fn):
    try:
        fn()
        return None
    except botocore.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Message']]
out = {}
trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:root'}, 'Action': 'sts:AssumeRole'}]}
iam.create_role(RoleName='py-role', AssumeRolePolicyDocument=json.dumps(trust), Tags=[{'Key': 'env', 'Value': 'dev'}])
role = iam.get_role(RoleName='py-role')['Role']
out['trust'] = role['AssumeRolePolicyDocument']
out['roleIdPrefix'] = role['RoleId'][:4]
out['created'] = role['CreateDate'].isoformat()
doc = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::b/*'}]}
iam.put_role_policy(RoleName='py-role', PolicyName='inline', PolicyDocument=json.dumps(doc))
out['inline'] = iam.get_role_policy(RoleName='py-role', PolicyName='inline')['PolicyDocument']
arn = iam.create_policy(PolicyName='py-pol', PolicyDocument=json.dumps(doc))['Policy']['Arn']
out['version'] = iam.get_policy_version(PolicyArn=arn, VersionId='v1')['PolicyVersion']['Document']
for i in range(5):
    iam.create_user(UserName='py-user-%d' % i)
out['paged'] = [u['UserName'] for page in iam.get_paginator('list_users').paginate(PaginationConfig={'PageSize': 2}) for u in page['Users']]
out['summaryUsers'] = iam.get_account_summary()['SummaryMap']['Users']
out['dup'] = err(lambda: iam.create_user(UserName='PY-USER-0'))
out['missing'] = err(lambda: iam.get_user(UserName='ghost'))
out['invalid'] = err(lambda: iam.create_user(UserName='has space'))
iam.attach_role_policy(RoleName='py-role', PolicyArn=arn)
out['conflict'] = err(lambda: iam.delete_policy(PolicyArn=arn))
sim = iam.simulate_principal_policy(PolicySourceArn=role['Arn'], ActionNames=['s3:GetObject', 's3:PutObject'], ResourceArns=['arn:aws:s3:::b/k'])
out['sim'] = [[r['EvalActionName'], r['EvalDecision'], [m['SourcePolicyId'] for m in r['MatchedStatements']]] for r in sim['EvaluationResults']]
print(json.dumps(out))
`

describe.skipIf(!hasBoto3 && !hasCli)('IAM over loopback with boto3 and the AWS CLI', () => {
  let em: Emulator
  let srv: RunningServer
  beforeAll(async () => {
    em = createEmulator()
    srv = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await srv.close()
  })
  const env = () => ({ ...process.env, EP: srv.url, AK: em.root.accessKeyId, SK: em.root.secretAccessKey })

  it.skipIf(!hasBoto3)('boto3 decodes documents, paginates and sees AWS error codes', async () => {
    const { stdout } = await run('python3', ['-c', SCRIPT], { env: env() })
    const out = JSON.parse(stdout)
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] }
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }
    expect(out.trust).toEqual(trust)
    expect(out.roleIdPrefix).toBe('AROA')
    expect(out.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
    expect(out.inline).toEqual(doc)
    expect(out.version).toEqual(doc)
    expect(out.paged).toEqual(['py-user-0', 'py-user-1', 'py-user-2', 'py-user-3', 'py-user-4'])
    expect(out.summaryUsers).toBe(5)
    expect(out.dup).toEqual(['EntityAlreadyExists', 409, 'User with name PY-USER-0 already exists.'])
    expect(out.missing).toEqual(['NoSuchEntity', 404, 'The user with name ghost cannot be found.'])
    expect(out.invalid).toEqual([
      'ValidationError',
      400,
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ])
    expect(out.conflict).toEqual(['DeleteConflict', 409, 'Cannot delete a policy attached to entities.'])
    expect(out.sim).toEqual([
      ['s3:GetObject', 'allowed', ['inline', 'py-pol']],
      ['s3:PutObject', 'implicitDeny', []],
    ])
  })

  it.skipIf(!hasCli)('the AWS CLI creates and reads IAM entities and reports AWS errors', async () => {
    const cli = (...args: string[]) =>
      run('aws', [...args, '--endpoint-url', srv.url, '--region', 'us-east-1', '--output', 'json'], {
        env: { ...env(), AWS_ACCESS_KEY_ID: em.root.accessKeyId, AWS_SECRET_ACCESS_KEY: em.root.secretAccessKey, AWS_MAX_ATTEMPTS: '1' },
      })
    const created = JSON.parse((await cli('iam', 'create-user', '--user-name', 'cli-user', '--path', '/cli/')).stdout)
    expect(created.User.Arn).toBe('arn:aws:iam::123456789012:user/cli/cli-user')
    const key = JSON.parse((await cli('iam', 'create-access-key', '--user-name', 'cli-user')).stdout)
    expect(key.AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/)
    const listed = JSON.parse((await cli('iam', 'list-users', '--path-prefix', '/cli/')).stdout)
    expect(listed.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['cli-user'])
    const e = await cli('iam', 'delete-user', '--user-name', 'cli-user').then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    )
    // CLI v1 exits 255 on a service error, v2 254.
    expect([254, 255]).toContain(e?.code)
    expect(e?.stderr).toContain('An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete access keys first.')
  })
})
