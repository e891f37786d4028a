/** ForAnyValue / ForAllValues set operators, ...IfExists, and value/key/operator logic. */
import { allowIf, denyIf } from './cond-helpers.js'
import type { EvalCase } from './types.js'

const SETS = 'IAM User Guide: Set operators for multivalued context keys'
const MULTI = 'IAM User Guide: Single-valued vs. multivalued context keys'
const IFEX = 'IAM User Guide: Condition operators (...IfExists condition operators)'

export const cases: EvalCase[] = [
  allowIf('ForAnyValue: one request value in the list is enough', SETS, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env', 'cost'] }, true),
  allowIf('ForAnyValue: no request value in the list', SETS, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['cost', 'owner'] }, false),
  allowIf('ForAnyValue on a missing key is false', `${SETS} (ForAnyValue returns false when the key is missing)`, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, undefined, false),
  allowIf('ForAnyValue on an empty list is false', SETS, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }, false),
  allowIf('ForAnyValue with a single request value', SETS, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': 'env' }, true),
  allowIf('ForAnyValue:StringLike with wildcards', SETS, { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team-*'] } }, { 'aws:TagKeys': ['env', 'team-blue'] }, true),
  allowIf('ForAnyValue:StringNotEquals: one value outside the list is enough', SETS, { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': ['env', 'cost'] }, true),
  allowIf('ForAnyValue:StringNotEquals: all values in the list fails', SETS, { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env', 'cost'] } }, { 'aws:TagKeys': ['env', 'cost'] }, false),
  allowIf('ForAllValues: every request value in the list', SETS, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env'] }, true),
  allowIf('ForAllValues: one request value outside the list fails', SETS, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env', 'cost'] }, false),
  allowIf('ForAllValues on a missing key is true', `${SETS} (ForAllValues returns true when the key is missing)`, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }, undefined, true),
  allowIf('ForAllValues on an empty list is true', SETS, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }, true),
  allowIf(
    'ForAllValues paired with Null false: a missing key now fails',
    `${SETS} (use the Null operator with ForAllValues)`,
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] }, Null: { 'aws:TagKeys': 'false' } },
    undefined,
    false,
  ),
  allowIf(
    'ForAllValues paired with Null false: present values in the list pass',
    SETS,
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] }, Null: { 'aws:TagKeys': 'false' } },
    { 'aws:TagKeys': ['team'] },
    true,
  ),
  allowIf('ForAllValues:StringLike', SETS, { 'ForAllValues:StringLike': { 'aws:TagKeys': ['app-*'] } }, { 'aws:TagKeys': ['app-a', 'app-b'] }, true),
  allowIf('ForAllValues:StringEqualsIgnoreCase', SETS, { 'ForAllValues:StringEqualsIgnoreCase': { 'aws:TagKeys': ['ENV'] } }, { 'aws:TagKeys': ['env', 'Env'] }, true),
  allowIf('ForAllValues:StringNotEquals: no request value in the list', SETS, { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, { 'aws:TagKeys': ['env', 'team'] }, true),
  allowIf('ForAllValues:StringNotEquals: a listed value fails', SETS, { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, { 'aws:TagKeys': ['env', 'secret'] }, false),
  allowIf('ForAnyValue:StringEqualsIfExists on a missing key is true', IFEX, { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['env'] } }, undefined, true),
  denyIf('Deny ForAnyValue on a forbidden tag key applies', SETS, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['secret'] } }, { 'aws:TagKeys': ['env', 'secret'] }, true),
  denyIf('Deny ForAnyValue does not apply when the key is missing', SETS, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['secret'] } }, undefined, false),
  denyIf('Deny ForAllValues applies on a missing key (vacuous truth)', `${SETS} (ForAllValues with Deny and a missing key)`, { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['allowed'] } }, undefined, true),
  allowIf('StringEqualsIfExists on a missing key is true', IFEX, { StringEqualsIfExists: { 'ec2:InstanceType': ['t2.micro', 't3.micro'] } }, undefined, true),
  allowIf('StringEqualsIfExists on a present matching key is true', IFEX, { StringEqualsIfExists: { 'ec2:InstanceType': ['t2.micro', 't3.micro'] } }, { 'ec2:InstanceType': 't3.micro' }, true),
  allowIf('StringEqualsIfExists on a present other value is false', IFEX, { StringEqualsIfExists: { 'ec2:InstanceType': ['t2.micro', 't3.micro'] } }, { 'ec2:InstanceType': 'm5.large' }, false),
  allowIf('StringNotLikeIfExists on a missing key is true', IFEX, { StringNotLikeIfExists: { 's3:prefix': 'secret/*' } }, undefined, true),
  allowIf('NumericLessThanIfExists on a missing key is true', IFEX, { NumericLessThanIfExists: { 's3:max-keys': '10' } }, undefined, true),
  allowIf('NumericLessThanIfExists on a present value is checked', IFEX, { NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': 50 }, false),
  allowIf('IpAddressIfExists on a missing key is true', IFEX, { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, undefined, true),
  allowIf('DateGreaterThanIfExists on a present value is checked', IFEX, { DateGreaterThanIfExists: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, false),
  allowIf(
    'IfExists key missing AND-ed with a failing operator still fails',
    'IAM User Guide: Creating a condition with multiple context keys or values (operators are AND-ed)',
    { StringEqualsIfExists: { 'ec2:InstanceType': 't2.micro' }, StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    { 'aws:RequestedRegion': 'eu-west-1' },
    false,
  ),
  allowIf(
    'a plain operator on a multivalued request key holds when any value matches',
    `${MULTI}: multivalued keys require a set operator; without one iamflow treats the key like ForAnyValue (not confirmed by AWS)`,
    { StringEquals: { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['cost', 'env'] },
    true,
  ),
]
