/** Shared shape of a condition operator family (String, Numeric, Date, Bool, Binary, IP, ARN). */
import type { VariableLookup } from '../variables.js'

/** Tests one request value against every value the policy lists for a key. */
export interface FamilyMatcher {
  /**
   * True when the request value matches at least one policy value; `undefined` when no policy
   * value could be resolved (a policy variable without a value).
   */
  test(requestValue: string, lookup: VariableLookup): boolean | undefined
}

/** Builds a matcher from the policy's values for one key. */
export type FamilyCompiler = (values: readonly string[], variables: boolean) => FamilyMatcher
