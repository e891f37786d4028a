import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { hostName, isLoopbackAddress, isLoopbackName } from './browser-guard.js'

/** An IP address in one spelling (IPv6 compressed and lower case), so two spellings compare equal. */
export function canonicalAddress(address: string): string {
  const a = address.toLowerCase()
  if (isIP(a) !== 6) return a
  try {
    return new URL(`http://[${a}]/`).hostname.slice(1, -1)
  } catch {
    return a
  }
}

/** `0.0.0.0`, `::` and their other spellings: every interface. */
export function isWildcardAddress(address: string): boolean {
  const a = canonicalAddress(address)
  return a === '0.0.0.0' || a === '::'
}

/** Does a server bound to `address` (as `server.address()` reports it) only listen on loopback? */
export function isLoopbackBinding(address: string): boolean {
  return isLoopbackAddress(canonicalAddress(address))
}

/**
 * A name given to `serve --allow-host`: lower case, without port, brackets, trailing dot or a
 * leading `*.` (a name always covers its subdomains, for virtual-hosted S3 buckets). Undefined
 * when it is not a host name or IP address.
 */
export function normaliseAllowedHost(raw: string): string | undefined {
  let name = hostName(raw)
  if (name.startsWith('*.')) name = name.slice(2)
  if (isIP(name)) return canonicalAddress(name)
  return /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name) ? name : undefined
}

/**
 * Which Host names a server bound to `address` answers to: loopback names (`localhost`,
 * `<bucket>.localhost`, 127.0.0.0/8, ::1) always; the bound address itself; when bound to every
 * interface, the addresses of this machine's interfaces; and each allowed name with its
 * subdomains. Anything else (`evil.example` rebound to 127.0.0.1) is refused.
 */
export function hostMatcher(address: string, allowed: readonly string[]): (name: string) => boolean {
  const own = new Set<string>()
  if (isWildcardAddress(address)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) own.add(canonicalAddress(i.address))
  } else {
    own.add(canonicalAddress(address))
  }
  const names = allowed.map((a) => normaliseAllowedHost(a)).filter((a): a is string => a !== undefined)
  return (name) => {
    if (isLoopbackName(name)) return true
    const n = isIP(name) ? canonicalAddress(name) : name
    if (own.has(n)) return true
    return names.some((a) => n === a || (!isIP(a) && n.endsWith(`.${a}`)))
  }
}
