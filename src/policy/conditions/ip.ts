/** IpAddress / NotIpAddress: IPv4 and IPv6 addresses and CIDR blocks (no policy variables). */
import type { FamilyCompiler } from './family.js'

/** An address as a 128-bit (v6) or 32-bit (v4) integer. */
export interface IpAddr {
  v6: boolean
  value: bigint
}

/** Dotted-quad IPv4 as an unsigned 32-bit number; undefined when malformed. */
function parseV4Number(s: string): number | undefined {
  let n = 0
  let octet = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48)
      if (++digits > 3 || octet > 255) return undefined
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined
      n = n * 256 + octet
      octet = 0
      digits = 0
    } else return undefined
  }
  if (dots !== 3 || digits === 0) return undefined
  return n * 256 + octet
}

function parseV4(s: string): bigint | undefined {
  const n = parseV4Number(s)
  return n === undefined ? undefined : BigInt(n)
}

function parseV6(s: string): bigint | undefined {
  let text = s
  // Embedded IPv4 tail (::ffff:192.0.2.1) becomes two hex groups.
  const lastColon = text.lastIndexOf(':')
  const last = text.slice(lastColon + 1)
  if (last.includes('.')) {
    const v4 = parseV4(last)
    if (v4 === undefined) return undefined
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const split = (h: string) => (h === '' ? [] : h.split(':'))
  const head = split(halves[0])
  const tail = halves.length === 2 ? split(halves[1]) : []
  for (const g of [...head, ...tail]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined
  const total = head.length + tail.length
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined
  const groups = [...head, ...Array<string>(halves.length === 2 ? 8 - total : 0).fill('0'), ...tail]
  let n = 0n
  for (const g of groups) n = (n << 16n) | BigInt(parseInt(g, 16))
  return n
}

/** Parses an address; undefined when invalid. */
export function parseIp(s: string): IpAddr | undefined {
  const t = s.trim()
  if (t.includes(':')) {
    const v = parseV6(t)
    return v === undefined ? undefined : { v6: true, value: v }
  }
  const v = parseV4(t)
  return v === undefined ? undefined : { v6: false, value: v }
}

/** A CIDR block; a bare address is a /32 (or /128). */
export interface Cidr {
  v6: boolean
  network: bigint
  mask: bigint
}

/** Parses `a.b.c.d/n` or `x::y/n`; undefined when invalid. */
export function parseCidr(s: string): Cidr | undefined {
  const [addr, bits, extra] = s.trim().split('/')
  if (extra !== undefined) return undefined
  const ip = parseIp(addr)
  if (!ip) return undefined
  const width = ip.v6 ? 128 : 32
  let n = width
  if (bits !== undefined) {
    if (!/^\d{1,3}$/.test(bits)) return undefined
    n = Number(bits)
    if (n > width) return undefined
  }
  const all = (1n << BigInt(width)) - 1n
  const mask = n === 0 ? 0n : (all >> BigInt(width - n)) << BigInt(width - n)
  return { v6: ip.v6, network: ip.value & mask, mask }
}

/** True when the address is inside the block (families must agree). */
export function cidrContains(c: Cidr, ip: IpAddr): boolean {
  return c.v6 === ip.v6 && (ip.value & c.mask) === c.network
}

export const ipAddress: FamilyCompiler = (values) => {
  const blocks = values.map(parseCidr).filter((c): c is Cidr => c !== undefined)
  // IPv4 blocks as plain numbers: the common case avoids BigInt entirely.
  const v4 = blocks.filter((b) => !b.v6).map((b) => ({ network: Number(b.network), mask: Number(b.mask) }))
  const v6 = blocks.filter((b) => b.v6)
  return {
    test(v) {
      const n = parseV4Number(v.trim())
      if (n !== undefined) {
        for (const b of v4) if (maskV4(n, b.mask) === b.network) return true
        return false
      }
      if (v6.length === 0) return false
      const ip = parseIp(v)
      return ip !== undefined && v6.some((b) => cidrContains(b, ip))
    },
  }
}

/** `n & mask` for unsigned 32-bit values (JavaScript's & is signed). */
function maskV4(n: number, mask: number): number {
  return (n & mask) >>> 0
}
