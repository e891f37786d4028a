/** Bool, BinaryEquals, IpAddress / NotIpAddress. */
import { ACCT, allow, deny, v12 } from './fixtures.js'
import { allowIf, denyIf } from './cond-helpers.js'
import type { EvalCase } from './types.js'

const BOOL = 'IAM User Guide: Condition operators (Boolean condition operators)'
const BIN = 'IAM User Guide: Condition operators (Binary condition operators)'
const IP = 'IAM User Guide: Condition operators (IP address condition operators)'
const SRCIP = 'IAM User Guide example: AWS: Denies access to AWS based on the source IP'

const ipGuard = v12(
  allow('*', '*', { Sid: 'Base' }),
  deny('*', '*', { Sid: 'IpGuard', Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] }, Bool: { 'aws:ViaAWSService': 'false' } } }),
)

export const cases: EvalCase[] = [
  allowIf('Bool true matches a boolean true', BOOL, { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true }, true),
  allowIf('Bool accepts a JSON boolean in the policy', BOOL, { Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' }, true),
  allowIf('Bool false does not match true', BOOL, { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': true }, false),
  allowIf('Bool on a missing key is false', `${BOOL}; key not present`, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, undefined, false),
  allowIf('BoolIfExists on a missing key is true', 'IAM User Guide: Condition operators (...IfExists condition operators)', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, undefined, true),
  denyIf(
    'Deny Bool MultiFactorAuthPresent=false does not apply to long-term keys (key absent)',
    'IAM User Guide: Condition operators (...IfExists; aws:MultiFactorAuthPresent absent for access keys)',
    { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    undefined,
    false,
  ),
  denyIf(
    'Deny BoolIfExists MultiFactorAuthPresent=false applies to long-term keys',
    'IAM User Guide: AWS global condition context keys (aws:MultiFactorAuthPresent: use BoolIfExists)',
    { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    undefined,
    true,
  ),
  allowIf('BinaryEquals matches the base64 value', BIN, { BinaryEquals: { 'custom:key': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'custom:key': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true),
  allowIf('BinaryEquals fails for another value', BIN, { BinaryEquals: { 'custom:key': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'custom:key': 'b3RoZXI=' }, false),
  allowIf('IpAddress: address inside the CIDR', IP, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.77' }, true),
  allowIf('IpAddress: address outside the CIDR', IP, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.1' }, false),
  allowIf('IpAddress: a bare address is a /32', IP, { IpAddress: { 'aws:SourceIp': '198.51.100.7' } }, { 'aws:SourceIp': '198.51.100.7' }, true),
  allowIf('IpAddress: several ranges are OR-ed', IP, { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } }, { 'aws:SourceIp': '192.0.2.1' }, true),
  allowIf('IpAddress: IPv6 range contains the address', IP, { IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5678::abcd' }, true),
  allowIf('IpAddress: IPv6 address outside the /64', IP, { IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5679::1' }, false),
  allowIf('IpAddress: an IPv6 address is not inside an IPv4 range', IP, { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '2001:db8::1' }, false),
  allowIf('IpAddress: 0.0.0.0/0 contains every IPv4 address', IP, { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { 'aws:SourceIp': '8.8.8.8' }, true),
  allowIf('IpAddress on a missing key is false', `${IP}; key not present`, { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, undefined, false),
  allowIf('NotIpAddress holds outside the range', IP, { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '11.0.0.1' }, true),
  {
    name: 'source-IP guard denies a call from outside the ranges',
    evidence: { level: 'unconfirmed', ref: 'EC2 wraps messages; RunInstances has resources' },
    source: SRCIP,
    policies: { identity: [ipGuard] },
    request: { principal: 'jill', action: 'ec2:RunInstances', resource: '*', context: { 'aws:SourceIp': '198.51.100.1', 'aws:ViaAWSService': false } },
    expect: { decision: 'ExplicitDeny', by: 'identity', statement: 'IpGuard', message: `User: arn:aws:iam::${ACCT}:user/jill is not authorized to perform: ec2:RunInstances with an explicit deny in an identity-based policy` },
  },
  {
    name: 'source-IP guard allows a call from inside the ranges',
    source: SRCIP,
    policies: { identity: [ipGuard] },
    request: { principal: 'jill', action: 'ec2:RunInstances', resource: '*', context: { 'aws:SourceIp': '203.0.113.9', 'aws:ViaAWSService': false } },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Base' },
  },
  {
    name: 'source-IP guard does not deny calls made by an AWS service (aws:ViaAWSService true)',
    source: SRCIP,
    policies: { identity: [ipGuard] },
    request: { principal: 'jill', action: 'kms:Decrypt', resource: '*', context: { 'aws:ViaAWSService': true } },
    expect: { decision: 'Allowed', by: 'identity', statement: 'Base' },
  },
  denyIf('NotIpAddress Deny applies when aws:SourceIp is absent (negated operator, missing key)', 'IAM User Guide: Condition operators (key not present: negated operators are true)', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, undefined, true),
]
