/**
 * IAM's answers to 129 CreatePolicy documents, recorded against AWS in 2026 (LocalStack's
 * validated snapshot, itself built from moto's AWS-verified list): iamflow must accept the valid
 * ones and refuse the invalid ones with AWS's exact text. Source and commit: the JSON's `source`.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { validatePolicy } from '../validate.js'

interface Recorded {
  source: string
  invalid: { id: string; recorded: string; document: string; code: string; message: string }[]
  valid: { id: string; recorded: string; document: string }[]
}

const data = JSON.parse(readFileSync(new URL('./create-policy-documents.json', import.meta.url), 'utf8')) as Recorded

describe('CreatePolicy documents recorded against AWS (LocalStack snapshot b15ee85)', () => {
  it.each(data.invalid.map((c) => [c.id, c] as const))('%s is refused with AWS text', (_id, c) => {
    const r = validatePolicy(c.document, 'identity', { managed: true })
    expect(r.ok ? 'accepted' : r.error).toEqual({ code: c.code, message: c.message })
  })
  it.each(data.valid.map((c) => [c.id, c] as const))('%s is accepted', (_id, c) => {
    const r = validatePolicy(c.document, 'identity', { managed: true })
    expect(r.ok ? 'accepted' : r.error).toBe('accepted')
  })
})
