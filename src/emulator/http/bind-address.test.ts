import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { hostMatcher, isLoopbackBinding, isWildcardAddress, normaliseAllowedHost } from './bind-address.js'

describe('bound addresses and allowed hosts', () => {
  it('wildcards and loopback bindings, in any spelling', () => {
    expect(['0.0.0.0', '::', '0:0:0:0:0:0:0:0'].map(isWildcardAddress)).toEqual([true, true, true])
    expect(['127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '0.0.0.0', '::', '10.0.0.2'].map(isLoopbackBinding)).toEqual([true, true, true, false, false, false])
  })

  it('allowed names: lower case, no port or leading *., subdomains included; junk refused', () => {
    expect(['Lab.Test:8080', '*.lab.test', '[::1]', 'bad host', 'a/b', ''].map(normaliseAllowedHost)).toEqual(['lab.test', 'lab.test', '::1', undefined, undefined, undefined])
    const m = hostMatcher('127.0.0.1', ['lab.test'])
    expect(['localhost', 'b.localhost', '127.0.0.1', '127.0.0.2', '::1', 'lab.test', 'x.lab.test', 'evil.example', 'lab.test.evil.example', 'notlab.test', '10.0.0.2'].map(m)).toEqual([
      true, true, true, true, true, true, true, false, false, false, false,
    ])
  })

  it('a specific bound address is answered; a wildcard binding answers to every local interface address', () => {
    expect(hostMatcher('192.0.2.7', [])('192.0.2.7')).toBe(true)
    expect(hostMatcher('192.0.2.7', [])('192.0.2.8')).toBe(false)
    const all = hostMatcher('0.0.0.0', [])
    for (const i of Object.values(networkInterfaces()).flat()) if (i) expect(all(i.address.toLowerCase()), i.address).toBe(true)
    expect(all('203.0.113.250')).toBe(false)
  })
})
