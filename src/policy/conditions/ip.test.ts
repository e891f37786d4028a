import { describe, expect, it } from 'vitest'
import { cidrContains, parseCidr, parseIp } from './ip.js'

describe('IP parsing', () => {
  it('parses IPv4 and rejects bad octets', () => {
    expect(parseIp('192.0.2.1')).toEqual({ v6: false, value: 0xc0000201n })
    expect(parseIp('256.0.0.1')).toBeUndefined()
    expect(parseIp('1.2.3')).toBeUndefined()
  })

  it('parses IPv6 with :: and an embedded IPv4 tail', () => {
    expect(parseIp('::1')).toEqual({ v6: true, value: 1n })
    expect(parseIp('2001:db8::')!.value).toBe(0x20010db8n << 96n)
    expect(parseIp('::ffff:192.0.2.1')!.value).toBe((0xffffn << 32n) | 0xc0000201n)
    expect(parseIp('1::2::3')).toBeUndefined()
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined()
  })

  it('checks CIDR containment by family', () => {
    const c = parseCidr('10.1.0.0/16')!
    expect(cidrContains(c, parseIp('10.1.255.3')!)).toBe(true)
    expect(cidrContains(c, parseIp('10.2.0.1')!)).toBe(false)
    expect(cidrContains(parseCidr('::/0')!, parseIp('10.1.0.1')!)).toBe(false)
    expect(parseCidr('10.0.0.0/33')).toBeUndefined()
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('255.255.255.255')!)).toBe(true)
  })
})
