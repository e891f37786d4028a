/**
 * The condition operator table (IAM User Guide "IAM JSON policy elements: Condition operators")
 * and the parser for `ForAnyValue:` / `ForAllValues:` prefixes and the `IfExists` suffix.
 * Unknown operators are rejected by validation (fail closed), as IAM does.
 */
import type { FamilyCompiler } from './family.js'
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string.js'
import { numericEquals, numericGreaterThan, numericGreaterThanEquals, numericLessThan, numericLessThanEquals } from './numeric.js'
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date.js'
import { binaryEquals, bool } from './bool.js'
import { ipAddress } from './ip.js'
import { arnLike } from './arn.js'

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null'

export interface OperatorSpec {
  family: OperatorFamily
  /** Negated operators (StringNotEquals, NotIpAddress, ...) are true when nothing matches. */
  negated: boolean
  /** Whether policy variables are substituted in values (per the User Guide tables). */
  variables: boolean
  compile?: FamilyCompiler
}

const spec = (family: OperatorFamily, compile: FamilyCompiler | undefined, negated: boolean, variables: boolean): OperatorSpec => ({
  family,
  compile,
  negated,
  variables,
})

/** Base operators by exact (case-sensitive) name. */
export const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  StringEquals: spec('String', stringEquals, false, true),
  StringNotEquals: spec('String', stringEquals, true, true),
  StringEqualsIgnoreCase: spec('String', stringEqualsIgnoreCase, false, true),
  StringNotEqualsIgnoreCase: spec('String', stringEqualsIgnoreCase, true, true),
  StringLike: spec('String', stringLike, false, true),
  StringNotLike: spec('String', stringLike, true, true),
  NumericEquals: spec('Numeric', numericEquals, false, false),
  NumericNotEquals: spec('Numeric', numericEquals, true, false),
  NumericLessThan: spec('Numeric', numericLessThan, false, false),
  NumericLessThanEquals: spec('Numeric', numericLessThanEquals, false, false),
  NumericGreaterThan: spec('Numeric', numericGreaterThan, false, false),
  NumericGreaterThanEquals: spec('Numeric', numericGreaterThanEquals, false, false),
  DateEquals: spec('Date', dateEquals, false, false),
  DateNotEquals: spec('Date', dateEquals, true, false),
  DateLessThan: spec('Date', dateLessThan, false, false),
  DateLessThanEquals: spec('Date', dateLessThanEquals, false, false),
  DateGreaterThan: spec('Date', dateGreaterThan, false, false),
  DateGreaterThanEquals: spec('Date', dateGreaterThanEquals, false, false),
  Bool: spec('Bool', bool, false, true),
  BinaryEquals: spec('Binary', binaryEquals, false, false),
  IpAddress: spec('IpAddress', ipAddress, false, false),
  NotIpAddress: spec('IpAddress', ipAddress, true, false),
  ArnEquals: spec('Arn', arnLike, false, true),
  ArnLike: spec('Arn', arnLike, false, true),
  ArnNotEquals: spec('Arn', arnLike, true, true),
  ArnNotLike: spec('Arn', arnLike, true, true),
  Null: spec('Null', undefined, false, false),
}

export interface ParsedOperator {
  /** As written, e.g. `ForAllValues:StringLikeIfExists`. */
  name: string
  base: string
  set: 'any' | 'all' | null
  ifExists: boolean
  spec: OperatorSpec
}

/** Parses an operator name; undefined when IAM would not recognise it. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name
  let set: ParsedOperator['set'] = null
  if (rest.startsWith('ForAnyValue:')) {
    set = 'any'
    rest = rest.slice('ForAnyValue:'.length)
  } else if (rest.startsWith('ForAllValues:')) {
    set = 'all'
    rest = rest.slice('ForAllValues:'.length)
  }
  let ifExists = false
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true
    rest = rest.slice(0, -'IfExists'.length)
  }
  if (!Object.hasOwn(OPERATORS, rest)) return undefined
  const s = OPERATORS[rest]
  if (s.family === 'Null' && ifExists) return undefined
  return { name, base: rest, set, ifExists, spec: s }
}
