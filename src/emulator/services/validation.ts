import { fullMatch } from '../../aws-model/shapes.js'
import { type Failure, constraintFailure, inAwsOrder, validationError } from './validation-message.js'

/**
 * Model-constraint checks in AWS's Coral wording, for handlers that validate member by member
 * (STS); the constraints come from the kept model (`inputMember` of aws-model/shapes.ts):
 * `1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ...`.
 * Collect failures with a Validator, then `throwIfAny()`. Values are scalars (pass Query
 * members through `scalarOf` first: a structure where a scalar belongs is an absent member).
 */
export class Validator {
  private readonly errors: Failure[] = []

  private fail(value: unknown, path: string, constraint: string): void {
    this.errors.push({ path, text: constraintFailure(value, path, constraint) })
  }

  required(value: unknown, path: string): boolean {
    if (value === undefined || value === null) {
      this.fail(value, path, 'Member must not be null')
      return false
    }
    return true
  }

  /** String length and (full-match) pattern. Undefined values pass. */
  string(value: unknown, path: string, c: { min?: number; max?: number; pattern?: string }): void {
    if (value === undefined || value === null || typeof value === 'object') return
    const s = String(value)
    if (c.min !== undefined && s.length < c.min) this.fail(s, path, `Member must have length greater than or equal to ${c.min}`)
    if (c.max !== undefined && s.length > c.max) this.fail(s, path, `Member must have length less than or equal to ${c.max}`)
    if (c.pattern !== undefined && !fullMatch(c.pattern).test(s)) {
      this.fail(s, path, `Member must satisfy regular expression pattern: ${c.pattern}`)
    }
  }

  /** Integer range; returns the number (undefined when absent or not a number). */
  integer(value: unknown, path: string, c: { min?: number; max?: number }): number | undefined {
    if (value === undefined || value === null || value === '' || typeof value === 'object') return undefined
    const n = Number(value)
    if (!Number.isInteger(n)) {
      this.fail(value, path, 'Member must be an integer')
      return undefined
    }
    if (c.min !== undefined && n < c.min) this.fail(n, path, `Member must have value greater than or equal to ${c.min}`)
    if (c.max !== undefined && n > c.max) this.fail(n, path, `Member must have value less than or equal to ${c.max}`)
    return n
  }

  /** List length. */
  list(value: unknown[], path: string, c: { min?: number; max?: number }): void {
    if (c.min !== undefined && value.length < c.min) this.fail(value, path, `Member must have length greater than or equal to ${c.min}`)
    if (c.max !== undefined && value.length > c.max) this.fail(value, path, `Member must have length less than or equal to ${c.max}`)
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw validationError(inAwsOrder(this.errors))
  }
}

/**
 * Compile-time check that a hand-typed raw input (STS handlers read the Query strings before
 * validating) names only members the model has: `type _ = ModelMembers<keyof Raw, keyof
 * StsInputs['Op']>` does not compile when `Raw` names one the model lacks.
 */
export type ModelMembers<Names extends Allowed, Allowed> = Names
