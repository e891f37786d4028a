import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/emulator/index.js'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { hasBoto3 } from './helpers/boto3.js'

const run = promisify(execFile)

const available = await hasBoto3()
if (!available) console.warn('SKIPPED: boto3 tests of the credential report, ChangePassword, server certificate tags, STS preferences and S3 ACL grants (python3 with boto3 not found on PATH)')

/**
 * Issue 15: the operation families added last (credential report states, ChangePassword,
 * server certificate tags, SetSecurityTokenServicePreferences, S3 ACL grants) as boto3 sends
 * them to `iamflow serve`, with AWS's codes, messages and HTTP statuses.
 */
const SCRIPT = String.raw`
import json, os, sys, time
import boto3, botocore
from botocore.config import Config
from botocore import UNSIGNED
ep = os.environ['EP']
cfg = Config(retries={'total_max_attempts': 1, 'mode': 'standard'}, s3={'addressing_style': 'path'})
root = boto3.session.Session(aws_access_key_id=os.environ['AK'], aws_secret_access_key=os.environ['SK'], region_name='us-east-1')
iam = root.client('iam', endpoint_url=ep, config=cfg)
s3 = root.client('s3', endpoint_url=ep, config=cfg)
out = {}
def err(f):
    try:
        r = f(); r.pop('ResponseMetadata', None); return ['ok', r]
    except botocore.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['Error'].get('Message'), e.response['ResponseMetadata']['HTTPStatusCode']]
# credential report
out['report_before'] = err(lambda: iam.get_credential_report())
out['generate'] = err(lambda: iam.generate_credential_report())
out['generate2'] = err(lambda: iam.generate_credential_report())
r = iam.get_credential_report()
out['report_header'] = r['Content'].decode().split('\n')[0]
out['report_format'] = r['ReportFormat']
# change password
iam.create_user(UserName='pw-user')
iam.create_login_profile(UserName='pw-user', Password='Old-Passw0rd!x')
k = iam.create_access_key(UserName='pw-user')['AccessKey']
iam.put_user_policy(UserName='pw-user', PolicyName='cp', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'iam:ChangePassword','Resource':'*'}]}))
u = boto3.session.Session(aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey'], region_name='us-east-1').client('iam', endpoint_url=ep, config=cfg)
out['cp_wrong'] = err(lambda: u.change_password(OldPassword='nope-nope-1A!', NewPassword='New-Passw0rd!y'))
out['cp_ok'] = err(lambda: u.change_password(OldPassword='Old-Passw0rd!x', NewPassword='New-Passw0rd!y'))
out['cp_root'] = err(lambda: iam.change_password(OldPassword='a', NewPassword='b'))
# server cert tags
out['sc_tags_missing'] = err(lambda: iam.list_server_certificate_tags(ServerCertificateName='nope'))
# STS prefs
out['sts_prefs'] = err(lambda: iam.set_security_token_service_preferences(GlobalEndpointTokenVersion='v2Token'))
out['summary_v'] = iam.get_account_summary()['SummaryMap'].get('GlobalEndpointTokenVersion')
# ACL: ownership ObjectWriter, public-read object
s3.create_bucket(Bucket='acl-bucket-1', ObjectOwnership='ObjectWriter')
s3.delete_public_access_block(Bucket='acl-bucket-1')
s3.put_object(Bucket='acl-bucket-1', Key='pub.txt', Body=b'hi', ACL='public-read')
anon = boto3.session.Session(region_name='us-east-1').client('s3', endpoint_url=ep, config=Config(signature_version=UNSIGNED, s3={'addressing_style':'path'}, retries={'total_max_attempts':1,'mode':'standard'}))
out['anon_get'] = err(lambda: {'body': anon.get_object(Bucket='acl-bucket-1', Key='pub.txt')['Body'].read().decode()})
s3.put_object(Bucket='acl-bucket-1', Key='priv.txt', Body=b'no')
out['anon_priv'] = err(lambda: anon.get_object(Bucket='acl-bucket-1', Key='priv.txt'))
s3.create_bucket(Bucket='enforced-bucket-1')
out['acl_enforced'] = err(lambda: s3.put_object(Bucket='enforced-bucket-1', Key='x', Body=b'x', ACL='public-read'))
print(json.dumps(out, default=str))
`

let em: Emulator
let server: RunningServer

describe.skipIf(!available)('the newest IAM and S3 families with boto3 over iamflow serve', () => {
  beforeAll(async () => {
    em = createEmulator()
    server = await startServer(em, { port: 0 })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('answers as AWS does', { timeout: 90_000 }, async () => {
    const { stdout } = await run('python3', ['-c', SCRIPT], {
      env: { ...process.env, EP: server.url, AK: em.root.accessKeyId, SK: em.root.secretAccessKey, AWS_EC2_METADATA_DISABLED: 'true' },
    })
    const out = JSON.parse(stdout) as Record<string, unknown>
    expect(out).toEqual({
      // ReportNotPresent carries no Message (recorded), 410 as the model says.
      report_before: ['ReportNotPresent', null, 410],
      generate: ['ok', { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' }],
      generate2: ['ok', { State: 'COMPLETE' }],
      report_header:
        'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
      report_format: 'text/csv',
      cp_wrong: ['AccessDenied', 'The old password is incorrect.', 403],
      cp_ok: ['ok', {}],
      cp_root: ['InvalidUserType', 'Only IAM users can change their own password.', 400],
      sc_tags_missing: ['NoSuchEntity', 'The Server Certificate with name nope cannot be found.', 404],
      sts_prefs: ['ok', {}],
      summary_v: 2,
      anon_get: ['ok', { body: 'hi' }],
      anon_priv: ['AccessDenied', 'Access Denied', 403],
      acl_enforced: ['AccessControlListNotSupported', 'The bucket does not allow ACLs', 400],
    })
  })
})
