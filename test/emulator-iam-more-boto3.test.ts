import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'

/** Instance profiles, password policy, aliases, service-linked roles and the credential report with boto3 over `serve`. */

const run = promisify(execFile)
const hasBoto3 = await run('python3', ['-c', 'import boto3']).then(() => true, () => false)
if (!hasBoto3) console.warn('SKIPPED: IAM boto3 tests for instance profiles and account settings (python3 with boto3 not found on PATH)')

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
trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ec2.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}
iam.create_role(RoleName='py-role', AssumeRolePolicyDocument=json.dumps(trust))
ip = iam.create_instance_profile(InstanceProfileName='py-ip')['InstanceProfile']
out['ipPrefix'] = ip['InstanceProfileId'][:4]
iam.add_role_to_instance_profile(InstanceProfileName='py-ip', RoleName='py-role')
out['ipRoles'] = [r['RoleName'] for r in iam.get_instance_profile(InstanceProfileName='py-ip')['InstanceProfile']['Roles']]
out['ipTrust'] = iam.get_instance_profile(InstanceProfileName='py-ip')['InstanceProfile']['Roles'][0]['AssumeRolePolicyDocument']
out['second'] = err(lambda: iam.add_role_to_instance_profile(InstanceProfileName='py-ip', RoleName='py-role'))
out['roleBusy'] = err(lambda: iam.delete_role(RoleName='py-role'))
out['noPolicy'] = err(lambda: iam.get_account_password_policy())
iam.update_account_password_policy(MinimumPasswordLength=12, RequireNumbers=True)
out['policy'] = iam.get_account_password_policy()['PasswordPolicy']
iam.create_user(UserName='py-user')
out['weak'] = err(lambda: iam.create_login_profile(UserName='py-user', Password='short1'))
iam.create_account_alias(AccountAlias='py-lab')
out['aliases'] = iam.list_account_aliases()['AccountAliases']
slr = iam.create_service_linked_role(AWSServiceName='autoscaling.amazonaws.com', CustomSuffix='py')['Role']
out['slr'] = [slr['Path'], slr['RoleName']]
out['slrDelete'] = err(lambda: iam.delete_role(RoleName=slr['RoleName']))
iam.generate_credential_report()
report = iam.get_credential_report()
out['report'] = [report['ReportFormat'], report['Content'].decode().split('\n')[0].split(',')[:4], len(report['Content'].decode().split('\n'))]
print(json.dumps(out))
`

describe.skipIf(!hasBoto3)('IAM account features with boto3 over serve', () => {
  let em: Emulator
  let srv: RunningServer
  beforeAll(async () => {
    em = createEmulator()
    srv = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await srv.close()
  })

  it('parses outputs and AWS errors as boto3 expects', async () => {
    const { stdout } = await run('python3', ['-c', SCRIPT], { env: { ...process.env, EP: srv.url, AK: em.root.accessKeyId, SK: em.root.secretAccessKey } })
    const out = JSON.parse(stdout)
    expect(out.ipPrefix).toBe('AIPA')
    expect(out.ipRoles).toEqual(['py-role'])
    expect(out.ipTrust).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
    expect(out.second).toEqual(['LimitExceeded', 409, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1'])
    expect(out.roleBusy).toEqual(['DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.'])
    expect(out.noPolicy).toEqual(['NoSuchEntity', 404, 'The Password Policy with domain name ACCOUNT cannot be found.'])
    expect(out.policy).toMatchObject({ MinimumPasswordLength: 12, RequireNumbers: true, RequireSymbols: false, ExpirePasswords: false })
    expect(out.weak).toEqual(['PasswordPolicyViolation', 400, 'Password should have a minimum length of 12'])
    expect(out.aliases).toEqual(['py-lab'])
    expect(out.slr).toEqual(['/aws-service-role/autoscaling.amazonaws.com/', 'AWSServiceRoleForAutoScaling_py'])
    expect(out.slrDelete).toEqual(['UnmodifiableEntity', 400, "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling_py' - this role is only modifiable by AWS"])
    expect(out.report).toEqual(['text/csv', ['user', 'arn', 'user_creation_time', 'password_enabled'], 3])
  }, 60_000)
})
