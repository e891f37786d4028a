import { describe, expect, it } from 'vitest'
import { parseTemplate, resolveTemplate } from './variables.js'
import { STAR } from './wildcard.js'

const on = { variables: true, wildcards: true }
const lookup = (m: Record<string, string>) => (k: string) => m[k]

describe('policy variables', () => {
  it('parses variables, escapes and wildcards', () => {
    expect(parseTemplate('home/${aws:username}/*', on)).toEqual(['home/', { key: 'aws:username', name: 'aws:username' }, '/', STAR])
    expect(parseTemplate('a${*}b${?}c${$}', on)).toEqual(['a*b?c$'])
  })

  it('keeps ${...} literal when variables are off (2008-10-17)', () => {
    expect(parseTemplate('home/${aws:username}', { variables: false, wildcards: true })).toEqual(['home/${aws:username}'])
  })

  it('parses defaults with doubled quotes and spaces around', () => {
    const [v] = parseTemplate("${ aws:PrincipalTag/team , 'it''s default' }", on)
    expect(v).toEqual({ key: 'aws:principaltag/team', name: 'aws:PrincipalTag/team', fallback: "it's default" })
  })

  it('treats malformed variables as literal text', () => {
    expect(parseTemplate('${aws:username', on)).toEqual(['${aws:username'])
    expect(parseTemplate("${key, default}", on)).toEqual(['${key, default}'])
    expect(parseTemplate('${}', on)).toEqual(['${}'])
  })

  it('resolves once: substituted text is literal and never rescanned', () => {
    const parts = parseTemplate("${aws:username, '${aws:userid}'}", on)
    expect(resolveTemplate(parts, lookup({ 'aws:userid': 'AIDA' }))).toEqual(['${aws:userid}'])
    expect(resolveTemplate(parseTemplate('${s3:prefix}', on), lookup({ 's3:prefix': 'a*' }))).toEqual(['a*'])
  })

  it('returns undefined for a missing variable without default', () => {
    expect(resolveTemplate(parseTemplate('x/${aws:username}', on), lookup({}))).toBeUndefined()
  })
})
