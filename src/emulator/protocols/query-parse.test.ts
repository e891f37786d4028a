import { describe, expect, it } from 'vitest'
import { asList, parseForm, structureParams } from './query-parse.js'

describe('query input parsing', () => {
  it('decodes form encoding, including + as space and %2B as plus', () => {
    expect(parseForm('Action=AssumeRole&RoleSessionName=a%2Bb+c&Empty=&Flag')).toEqual([
      ['Action', 'AssumeRole'],
      ['RoleSessionName', 'a+b c'],
      ['Empty', ''],
      ['Flag', ''],
    ])
  })

  it('turns member lists into arrays ordered by index, with nested structures', () => {
    const input = structureParams(
      parseForm(
        'Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1' +
          '&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess' +
          '&TransitiveTagKeys.member.10=z&TransitiveTagKeys.member.9=y',
      ),
    )
    expect(input).toEqual({
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      TransitiveTagKeys: ['y', 'z'],
    })
  })

  it('turns entry maps into records and keeps empty lists as empty strings', () => {
    const input = structureParams(parseForm('M.entry.1.key=k1&M.entry.1.value=v1&M.entry.2.key=k2&M.entry.2.value=v2&Tags='))
    expect(input).toEqual({ M: { k1: 'v1', k2: 'v2' }, Tags: '' })
    expect(asList(input.Tags)).toEqual([])
    expect(asList(undefined)).toEqual([])
  })

  it('handles nested lists inside list members', () => {
    const input = structureParams(
      parseForm(
        'ContextEntries.member.1.ContextKeyName=aws%3AUsername&ContextEntries.member.1.ContextKeyValues.member.1=alice' +
          '&ContextEntries.member.1.ContextKeyType=string',
      ),
    )
    expect(input).toEqual({
      ContextEntries: [{ ContextKeyName: 'aws:Username', ContextKeyValues: ['alice'], ContextKeyType: 'string' }],
    })
  })
})
