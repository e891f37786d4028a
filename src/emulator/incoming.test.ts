import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bodyText, incomingFrom, plainSearch, RecordHeaders } from './incoming.js'
import { parseForm } from './protocols/query-parse.js'

/** What incomingFrom answered before it skipped the URL parser: the WHATWG URL's query. */
function parsedQuery(url: string): Array<[string, string]> {
  return parseForm(new URL(url).search.slice(1))
}

const CHARS = ['a', 'Z', '0', '=', '&', '%', '%20', '%2', '%zz', '+', '/', '?', '#', '"', "'", '<', '>', '`', '{', '}', '|', '\\', '^', '[', ']', ' ', '\t', '\n', '\r', '\u0000', '\u007f', 'é', 'ሴ', '😀', ';', ':', '@', '!', '$', '(', ')', '*', ',', '~', '.', '..']
const piece = fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((p) => p.join(''))

describe('incomingFrom without the URL parser', () => {
  it('reads the same query as WHATWG URL parsing, or leaves it to the parser', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), fc.constantFrom('127.0.0.1:4566', 'localhost', 'b.localhost:9'), piece, fc.option(piece, { nil: undefined }), (scheme, host, path, query) => {
        const target = `/${path}${query === undefined ? '' : `?${query}`}`
        const url = `${scheme}://${host}${target}`
        let reference: Array<[string, string]>
        try {
          reference = parsedQuery(url)
        } catch {
          return // not a URL at all: serve never builds one (it checks the Host first)
        }
        const search = plainSearch(url)
        if (search !== undefined) expect(parseForm(search)).toEqual(reference)
        const inc = incomingFrom({ method: 'get', url, headers: new RecordHeaders({ host }), body: new Uint8Array(0), meta: { rawPath: target.split('?')[0]!, secure: scheme === 'https' } }, 0)
        expect(inc.query).toEqual(reference)
        expect(inc).toMatchObject({ method: 'GET', host, secure: scheme === 'https', rawPath: target.split('?')[0] })
      }),
      { numRuns: 3000 },
    )
  })

  it('parses the URL for a fragment, a character URL parsing encodes, or a missing Host', () => {
    expect(plainSearch('http://h/a?x=1&y')).toBe('x=1&y')
    expect(plainSearch('http://h/a')).toBe('')
    expect(plainSearch('http://h/a#f?x=1')).toBeUndefined()
    expect(plainSearch('http://h/a?x=1#f')).toBeUndefined()
    expect(plainSearch("http://h/a?x='")).toBeUndefined()
    expect(plainSearch('http://h/a?x=é')).toBeUndefined()
    const noHost = incomingFrom({ method: 'GET', url: 'http://example.com:81/k?a=b', headers: new RecordHeaders({}), body: new Uint8Array(0), meta: { rawPath: '/k', secure: false } }, 0)
    expect(noHost).toMatchObject({ host: 'example.com:81', query: [['a', 'b']] })
    const fragment = incomingFrom({ method: 'GET', url: 'http://h/k#x?a=b', headers: new RecordHeaders({ host: 'h' }), body: new Uint8Array(0), meta: { rawPath: '/k', secure: false } }, 0)
    expect(fragment.query).toEqual([])
  })
})

describe('bodyText', () => {
  it('decodes a body once per request, and a different body afresh', () => {
    const inc = incomingFrom({ method: 'POST', url: 'http://127.0.0.1:4566/', headers: new RecordHeaders({ host: '127.0.0.1:4566' }), body: new TextEncoder().encode('Action=A&x=é') }, 0)
    const first = bodyText(inc)
    expect(first).toBe('Action=A&x=é')
    expect(bodyText(inc, inc.body)).toBe(first)
    const other = new TextEncoder().encode('Action=B')
    expect(bodyText(inc, other)).toBe('Action=B')
    inc.body = other
    expect(bodyText(inc)).toBe('Action=B')
  })
})
