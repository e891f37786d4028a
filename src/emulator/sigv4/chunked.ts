/**
 * `Content-Encoding: aws-chunked` bodies (S3 streaming uploads): `<hex-size>[;chunk-signature=<sig>]\r\n
 * <data>\r\n` ... a zero-size chunk, then optional trailing headers and an empty line.
 * The stored object is the decoded data (S3 User Guide, "Signature calculations ... chunked upload").
 */
import { dict } from '../../safe-object.js'

export interface DecodedChunks {
  data: Uint8Array
  /** Chunk payloads in order with the signature each carried (signed streaming only). */
  chunks: Array<{ data: Uint8Array; signature?: string }>
  /** Trailing headers (lower-case names), e.g. `x-amz-checksum-crc32`. */
  trailers: Record<string, string>
}

export class ChunkedBodyError extends Error {}

function indexOfCrlf(buf: Uint8Array, from: number): number {
  for (let i = from; i + 1 < buf.length; i++) if (buf[i] === 13 && buf[i + 1] === 10) return i
  return -1
}

/** Decode an aws-chunked body; throws ChunkedBodyError when the framing is broken. */
export function decodeAwsChunked(body: Uint8Array): DecodedChunks {
  const chunks: DecodedChunks['chunks'] = []
  // Trailer names are the client's: a prototype-free record.
  const trailers = dict<string>()
  let pos = 0
  let total = 0
  for (;;) {
    const eol = indexOfCrlf(body, pos)
    if (eol < 0) throw new ChunkedBodyError('chunk header without CRLF')
    const header = Buffer.from(body.subarray(pos, eol)).toString('latin1')
    const [sizeHex, ...extensions] = header.split(';')
    if (!sizeHex || !/^[0-9a-fA-F]+$/.test(sizeHex.trim())) throw new ChunkedBodyError(`bad chunk size '${sizeHex}'`)
    const size = parseInt(sizeHex.trim(), 16)
    let signature: string | undefined
    for (const ext of extensions) {
      const [k, v] = ext.split('=')
      if (k?.trim() === 'chunk-signature') signature = v?.trim()
    }
    pos = eol + 2
    if (size === 0) {
      chunks.push({ data: new Uint8Array(0), ...(signature ? { signature } : {}) })
      for (;;) {
        const end = indexOfCrlf(body, pos)
        if (end < 0) break
        const line = Buffer.from(body.subarray(pos, end)).toString('latin1')
        pos = end + 2
        if (line === '') break
        const colon = line.indexOf(':')
        if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      break
    }
    if (pos + size > body.length) throw new ChunkedBodyError('chunk longer than body')
    chunks.push({ data: body.subarray(pos, pos + size), ...(signature ? { signature } : {}) })
    total += size
    pos += size
    if (body[pos] !== 13 || body[pos + 1] !== 10) throw new ChunkedBodyError('chunk data not followed by CRLF')
    pos += 2
  }
  const data = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    data.set(c.data, offset)
    offset += c.data.length
  }
  return { data, chunks, trailers }
}
