import { InputError } from '../errors.js'

/** What `serve`'s network-safety flags (--max-body, --allow-origin, --allow-host) resolve to. */
export interface NetworkFlags {
  maxBody: number
  allowOrigins: string[]
  allowHosts: string[]
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 }
/** AWS's own limit on one PUT (S3 User Guide): serve never accepts more in one request. */
const MAX_SINGLE_PUT = 5 * 1024 ** 3

/** `65536`, `64MiB`, `64M`, `1GiB`, `512k` -> bytes (binary units). Undefined when not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text)
  if (!m) return undefined
  const unit = UNITS[m[2]!.toLowerCase()]
  return unit === undefined ? undefined : Number(m[1]) * unit
}

/** Validate the flags; bad values are input errors naming the flag and what to write instead. */
export function networkFlags(args: { 'max-body'?: string; 'allow-origin'?: string[]; 'allow-host'?: string[] }, normaliseOrigin: (o: string) => string | undefined, normaliseHost: (h: string) => string | undefined): NetworkFlags {
  let maxBody = 64 * 1024 ** 2
  if (args['max-body'] !== undefined) {
    const n = parseByteSize(args['max-body'])
    if (n === undefined || n < 1 || n > MAX_SINGLE_PUT) {
      throw new InputError('SERVE_BAD_MAX_BODY', `--max-body must be a size between 1 byte and 5GiB (S3's single-PUT limit), such as 64MiB or 1048576; got '${args['max-body']}'`)
    }
    maxBody = n
  }
  const allowOrigins = (args['allow-origin'] ?? []).map((o) => {
    const normal = normaliseOrigin(o)
    if (normal === undefined) throw new InputError('SERVE_BAD_ORIGIN', `--allow-origin must be an origin such as http://localhost:3000 (scheme, host, optional port; no path); got '${o}'`)
    return normal
  })
  const allowHosts = (args['allow-host'] ?? []).map((h) => {
    if (normaliseHost(h) === undefined) throw new InputError('SERVE_BAD_HOST_NAME', `--allow-host must be a host name or IP address such as lab.internal; got '${h}'`)
    return h
  })
  return { maxBody, allowOrigins, allowHosts }
}

/** The warning printed when serve listens beyond loopback. */
export function exposureWarning(address: string): string {
  return `warning: iamflow serve is listening on ${address}, beyond loopback: anyone who can reach this machine can use the emulator and its published root key. Use --host 127.0.0.1 (the default) unless you mean it; Host names other than its addresses need --allow-host.\n`
}
