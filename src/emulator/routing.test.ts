import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { firstFormValue, routeHead, routeService } from './routing.js'
import { incomingFrom, RecordHeaders } from './incoming.js'

describe('firstFormValue', () => {
  it('captures what /(?:^|&)Name=([^&]*)/ captures', () => {
    const piece = fc.constantFrom('&', '=', '&&', 'Version=', 'Action=', 'Version', 'XVersion=', 'version=', 'V', '2011-06-15', 'Get', '%26', '+', ' ', 'é', '')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.constantFrom('Version=', 'Action='), (parts, prefix) => {
        const text = parts.join('')
        const name = prefix.slice(0, -1)
        expect(firstFormValue(text, prefix)).toBe(new RegExp(`(?:^|&)${name}=([^&]*)`).exec(text)?.[1])
      }),
      { numRuns: 3000 },
    )
    expect(firstFormValue('Action=GetCallerIdentity&Version=2011-06-15', 'Version=')).toBe('2011-06-15')
    expect(firstFormValue('XAction=a&Action=&Action=b', 'Action=')).toBe('')
  })
})

describe('routing', () => {
  const request = (host: string, body: string, headers: Record<string, string> = {}) =>
    incomingFrom({ method: 'POST', url: `http://${host}/`, headers: new RecordHeaders({ host, 'content-type': 'application/x-www-form-urlencoded', ...headers }), body: new TextEncoder().encode(body) }, 0)

  it('routes by Host, then by the form body, and reads a changed Host afresh', () => {
    const inc = request('sts.localhost:4566', 'Action=ListUsers&Version=2010-05-08')
    expect(routeHead(inc)).toBe('sts')
    expect(routeService(inc)).toBe('sts')
    inc.host = 'iam.localhost:4566'
    expect(routeService(inc)).toBe('iam')
    inc.host = '127.0.0.1:4566'
    expect(routeHead(inc)).toBeUndefined()
    expect(routeService(inc)).toBe('iam')
    expect(routeService(request('127.0.0.1:4566', 'Version=2011-06-15&Action=GetCallerIdentity'))).toBe('sts')
    expect(routeService(request('bucket.s3.localhost:4566', 'Version=2011-06-15&Action=GetCallerIdentity'))).toBe('s3')
  })
})
