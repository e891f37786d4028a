import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import type { HeaderView } from '../../incoming.js'
import { s3Errors } from './errors.js'

/** Checksum algorithms we can verify, by header suffix (`x-amz-checksum-<name>`). */
const VERIFIERS: Record<string, (data: Uint8Array) => string> = {
  crc32: (data) => {
    const b = Buffer.alloc(4)
    b.writeUInt32BE(crc32(data) >>> 0)
    return b.toString('base64')
  },
  sha1: (data) => createHash('sha1').update(data).digest('base64'),
  sha256: (data) => createHash('sha256').update(data).digest('base64'),
}

const KNOWN = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256']

/**
 * The checksum a PutObject carries (header, or aws-chunked trailer), verified when we can
 * compute it: a mismatch is S3's BadDigest. Content-MD5 is verified too.
 */
export function uploadChecksum(
  headers: HeaderView,
  trailers: Record<string, string>,
  data: Uint8Array,
): { algorithm: string; value: string } | undefined {
  const md5 = headers.get('content-md5')
  if (md5 !== null) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(md5)) throw s3Errors.invalidDigest()
    if (createHash('md5').update(data).digest('base64') !== md5) {
      throw s3Errors.badContentMd5()
    }
  }
  for (const algorithm of KNOWN) {
    const name = `x-amz-checksum-${algorithm}`
    const value = headers.get(name) ?? trailers[name]
    if (value === undefined || value === null) continue
    const verify = VERIFIERS[algorithm]
    if (verify && verify(data) !== value) throw s3Errors.badDigest(algorithm.toUpperCase())
    return { algorithm, value }
  }
  return undefined
}
