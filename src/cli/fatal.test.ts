import { describe, expect, it } from 'vitest'
import { InputError } from '../errors.js'
import { MAX_PRINTED_ERRORS, formatIamflowError } from './fatal.js'

function many(n: number): InputError {
  const errors = Array.from({ length: n }, (_, i) => new InputError('schema', `problem ${i + 1}`, { location: { file: 'f.yaml', line: i + 3, column: 5 } }))
  return Object.assign(new InputError('invalid-scenario', `f.yaml is not a valid scenario (${n} errors)`), { errors })
}

describe('formatIamflowError', () => {
  it('prints every error of a file with a few problems, then the summary', () => {
    const text = formatIamflowError(many(3))
    expect(text.match(/^f\.yaml:\d+:5: error \[schema\]/gm)).toHaveLength(3)
    expect(text).not.toContain('more error')
    expect(text.trimEnd().endsWith('f.yaml is not a valid scenario (3 errors)')).toBe(true)
  })

  it('prints the first errors of a file with very many, counts the rest, keeps the summary', () => {
    const text = formatIamflowError(many(20_000))
    expect(text.match(/^f\.yaml:\d+:5: error \[schema\]/gm)).toHaveLength(MAX_PRINTED_ERRORS)
    expect(text).toContain(`problem ${MAX_PRINTED_ERRORS}\n`)
    expect(text).not.toContain(`problem ${MAX_PRINTED_ERRORS + 1}\n`)
    expect(text).toContain(`... and ${20_000 - MAX_PRINTED_ERRORS} more errors`)
    expect(text.trimEnd().endsWith('f.yaml is not a valid scenario (20000 errors)')).toBe(true)
  })
})
