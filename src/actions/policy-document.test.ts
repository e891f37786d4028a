import { describe, expect, it } from 'vitest'
import { decodePolicyDocument, toPolicyText } from './policy-document.js'

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }

describe('toPolicyText', () => {
  it('sends a map as JSON and text as written', () => {
    expect(toPolicyText(doc)).toBe(JSON.stringify(doc))
    expect(toPolicyText('{ "Version": "2012-10-17" }')).toBe('{ "Version": "2012-10-17" }')
    expect(toPolicyText(undefined)).toBeUndefined()
  })
})

describe('decodePolicyDocument', () => {
  it('decodes IAM URL-encoding into an object, keeping policy variables and plus signs', () => {
    const withPlus = { ...doc, Sid: 'a+b c' }
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(withPlus)))).toEqual(withPlus)
    expect(decodePolicyDocument('%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%7D%7D')).toEqual({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow' },
    })
  })

  it('accepts JSON that is not encoded (S3 bucket policies, some endpoints)', () => {
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc)
    expect(decodePolicyDocument('  {"a":"100%"}')).toEqual({ a: '100%' })
  })

  it('returns the text when it is not a JSON object', () => {
    expect(decodePolicyDocument('%E0%A4%A')).toBe('%E0%A4%A')
    expect(decodePolicyDocument('not%20json')).toBe('not json')
    expect(decodePolicyDocument('%5B1%5D')).toBe('[1]')
    expect(decodePolicyDocument(undefined)).toBeUndefined()
  })
})
