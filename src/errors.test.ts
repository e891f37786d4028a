import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EXPECTATION_ERROR_CODES, ExitCode, ExpectationError, INFRASTRUCTURE_ERROR_CODES, INPUT_ERROR_CODES, InfrastructureError, InputError, isInputErrorCode } from './errors.js'

describe('the error-code catalogue', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  /** The codes the README's exit-code table lists on the row of `exit`. */
  const documented = (exit: number) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| ${exit} | `))
    return [...(row ?? '').split(' | ').at(-1)!.matchAll(/`([A-Za-z0-9_-]+)`/g)].map((m) => m[1])
  }

  it('is documented in the README exit-code table, each code on the row of its exit code', () => {
    expect(documented(1)).toEqual([...EXPECTATION_ERROR_CODES])
    expect(documented(2)).toEqual([...INPUT_ERROR_CODES])
    expect(documented(3)).toEqual([...INFRASTRUCTURE_ERROR_CODES])
  })

  it('holds each code once', () => {
    const all = [...INPUT_ERROR_CODES, ...EXPECTATION_ERROR_CODES, ...INFRASTRUCTURE_ERROR_CODES]
    expect(new Set(all).size).toBe(all.length)
  })

  it('maps each class to its exit code', () => {
    expect(new InputError('bad-var', 'x').exitCode).toBe(ExitCode.invalidInput)
    expect(new ExpectationError('identity-refused', 'x').exitCode).toBe(ExitCode.expectationFailed)
    expect(new InfrastructureError('target-unreachable', 'x').exitCode).toBe(ExitCode.infrastructure)
    expect(isInputErrorCode('unknown-name')).toBe(true)
    expect(isInputErrorCode('worker-failed')).toBe(false)
    expect(isInputErrorCode(undefined)).toBe(false)
  })
})
