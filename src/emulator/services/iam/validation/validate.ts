import { dict, ownGet } from '../../../../safe-object.js'
import { type Failure, HIDDEN, constraintFailure, inAwsOrder, memberConstraints, validationError } from '../../validation-message.js'
import { fullMatch, type MemberSpec, memberSpecs } from '../../../../aws-model/shapes.js'

/**
 * Model validation of IAM inputs, as AWS's front end does it before anything else: required
 * members, lengths, patterns, ranges and enums, reported in the Coral format
 * (`1 validation error detected: Value at 'userName' failed to satisfy constraint: ...`).
 * Also coerces the Query protocol's strings to the model's numbers and booleans. The
 * constraints are the kept model's (src/aws-model/), the same data the action schemas use.
 */

/** `UserName` -> `userName` (the member path AWS prints). */
function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}

interface Ctx {
  errors: Failure[]
}

/**
 * IAM reports a failing member without its value (`Value at 'userName' ...`): every IAM
 * ValidationError recorded from AWS in 2025-26 has this form (LocalStack test_iam_roles
 * cdb3432 tags/tagKeys, test_iam_policies b15ee85 versionId, test_iam_users b04c14c status and
 * serviceSpecificCredentialId); reports from 2015-2021 still showed the value, and STS still
 * does (validation.ts). A missing member keeps `Value null at` (no 2025-26 recording either way).
 */
function fail(ctx: Ctx, value: unknown, path: string, constraint: string): void {
  ctx.errors.push({ path, text: constraintFailure(value === undefined ? undefined : HIDDEN, path, constraint) })
}

function checkLength(ctx: Ctx, spec: MemberSpec, value: unknown, length: number, path: string): void {
  if (spec.min !== undefined && length < spec.min) {
    fail(ctx, value, path, `Member must have length greater than or equal to ${spec.min}`)
  }
  if (spec.max !== undefined && length > spec.max) {
    fail(ctx, value, path, `Member must have length less than or equal to ${spec.max}`)
  }
}

/**
 * IAM lists of strings whose members AWS's own model marks non-null: `Member must not be null`
 * closes their combined constraint. Recorded for `tagKeys` (LocalStack test_iam_roles
 * untag-role-key-too-long, test_iam_policies err-untag-large-key, 2026-02) and recorded absent
 * for `clientIDList` and `thumbprintList` (test_iam_oidc multiple-validation-errors,
 * 2026-02-17); the other lists (simulation inputs, ServiceNamespaces, Filter) are unrecorded and
 * follow the OIDC lists (docs/fidelity.md).
 */
const NON_NULL_MEMBERS = new Set(['TagKeys'])

function listMemberConstraint(list: MemberSpec, member: MemberSpec): string {
  return memberConstraints({
    max: member.max,
    min: member.min,
    pattern: member.pattern,
    // IAM words a scalar enum without its set (below); a list's is unrecorded: the same form.
    enumText: member.enum !== undefined ? 'Member must satisfy enum value set' : undefined,
    notNull: list.name !== undefined && NON_NULL_MEMBERS.has(list.name),
  })
}

const SCALARS = new Set<MemberSpec['type']>(['string', 'integer', 'long', 'boolean', 'timestamp', 'blob'])

function coerce(ctx: Ctx, spec: MemberSpec, raw: unknown, path: string): unknown {
  if (SCALARS.has(spec.type) && typeof raw === 'object' && raw !== null) {
    // `Name.x=...` for a scalar member: AWS reads only `Name`, so the member is missing.
    fail(ctx, undefined, path, 'Member must not be null')
    return undefined
  }
  switch (spec.type) {
    case 'string': {
      const value = typeof raw === 'string' ? raw : String(raw)
      const shown = spec.sensitive ? HIDDEN : value
      checkLength(ctx, spec, shown, [...value].length, path)
      if (spec.pattern !== undefined && !fullMatch(spec.pattern).test(value)) {
        fail(ctx, shown, path, `Member must satisfy regular expression pattern: ${spec.pattern}`)
      }
      if (spec.enum && !spec.enum.includes(value)) {
        // Recorded without the set (UpdateAccessKey `status`, test_iam_users b04c14c).
        fail(ctx, shown, path, 'Member must satisfy enum value set')
      }
      return value
    }
    case 'integer':
    case 'long': {
      const value = typeof raw === 'number' ? raw : Number(String(raw).trim())
      if (!Number.isInteger(value) || String(raw).trim() === '') {
        fail(ctx, raw, path, 'Member must be a number')
        return undefined
      }
      if (spec.min !== undefined && value < spec.min) {
        fail(ctx, value, path, `Member must have value greater than or equal to ${spec.min}`)
      }
      if (spec.max !== undefined && value > spec.max) {
        fail(ctx, value, path, `Member must have value less than or equal to ${spec.max}`)
      }
      return value
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw
      const text = String(raw).toLowerCase()
      if (text === 'true') return true
      if (text === 'false') return false
      fail(ctx, raw, path, 'Member must be a boolean')
      return undefined
    }
    case 'list': {
      // The Query protocol sends an empty list as `Name=` (an empty string).
      const items = Array.isArray(raw) ? raw : raw === '' ? [] : [raw]
      checkLength(ctx, spec, items, items.length, path)
      const member = spec.member!
      if (member.type !== 'string') return items.map((item, i) => coerce(ctx, member, item, `${path}.${i + 1}.member`))
      // A list of strings fails once, at the list, with its member's constraints combined,
      // however many members break them (validation-message.ts, memberConstraints).
      const scratch: Ctx = { errors: [] }
      const out = items.map((item, i) => coerce(scratch, member, item, `${path}.${i + 1}.member`))
      if (scratch.errors.length > 0) fail(ctx, items, path, listMemberConstraint(spec, member))
      return out
    }
    case 'structure': {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        fail(ctx, raw, path, 'Member must be a structure')
        return undefined
      }
      return coerceMembers(ctx, spec.members ?? [], raw as Record<string, unknown>, `${path}.`)
    }
    default:
      return raw
  }
}

function coerceMembers(ctx: Ctx, members: MemberSpec[], input: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const spec of members) {
    const name = spec.name!
    let raw = ownGet(input, name)
    // A structure where the model has a scalar: AWS's deserializer never reads `Name.x`.
    if (SCALARS.has(spec.type) && typeof raw === 'object') raw = undefined
    const path = prefix + camel(name)
    if (raw === undefined || raw === null) {
      if (spec.required) fail(ctx, undefined, path, 'Member must not be null')
      continue
    }
    const value = coerce(ctx, spec, raw, path)
    if (value !== undefined) out[name] = value
  }
  return out
}

export { validationError }

/**
 * Validate and coerce `input` against the model of `operation`. Returns only the modelled
 * members (unknown parameters are dropped) or throws a `ValidationError`.
 */
export function validateInput(operation: string, input: unknown): Record<string, unknown> {
  const members = memberSpecs('iam', operation)
  if (!members) throw new Error(`internal error: no input shape for IAM operation ${operation}`)
  const ctx: Ctx = { errors: [] }
  const source = input && typeof input === 'object' ? (input as Record<string, unknown>) : dict()
  const out = coerceMembers(ctx, members, source, '')
  if (ctx.errors.length > 0) throw validationError(inAwsOrder(ctx.errors))
  return out
}
