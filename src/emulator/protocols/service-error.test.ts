import { afterEach, describe, expect, it, vi } from 'vitest'
import { AwsServiceError } from '../services/types.js'
import { toServiceError } from './query.js'

afterEach(() => vi.restoreAllMocks())

describe('toServiceError', () => {
  it('keeps an AwsServiceError as it is', () => {
    const e = new AwsServiceError('NoSuchEntity', 404, 'The user with name x cannot be found.')
    expect(toServiceError(e, 's3')).toBe(e)
  })

  it("answers an unexpected failure with each family's own 500, without internals", () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const query = toServiceError(new TypeError('x is undefined'))
    expect({ code: query.code, status: query.status, message: query.message, sender: query.senderFault }).toEqual({
      code: 'ServiceFailure',
      status: 500,
      message: 'An internal error occurred.',
      sender: false,
    })
    const s3 = toServiceError(new TypeError('x is undefined'), 's3')
    expect({ code: s3.code, status: s3.status, message: s3.message }).toEqual({
      code: 'InternalError',
      status: 500,
      message: 'We encountered an internal error. Please try again.',
    })
  })
})
