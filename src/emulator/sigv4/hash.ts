import { createHash, createHmac, hash, type Hash, type Hmac } from 'node:crypto'
import type { Checksum, SourceData } from '@smithy/types'

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data as ArrayBuffer)
}

/**
 * SHA-256 (or HMAC-SHA-256 when constructed with a secret) over node:crypto, in the shape
 * `@smithy/signature-v4` expects for its `sha256` constructor.
 */
export class NodeSha256 implements Checksum {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh()
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret))
  }
  update(data: Uint8Array): void {
    this.hash.update(data)
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
  reset(): void {
    this.hash = this.fresh()
  }
}

/** Lower-case hex SHA-256 of bytes or text. */
export function sha256Hex(data: Uint8Array | string): string {
  // One-shot (node >= 20.12): no Hash object per call. Text is hashed as UTF-8.
  return hash('sha256', data, 'hex')
}

/** The SHA-256 of the empty string, used as the payload hash of empty bodies. */
export const EMPTY_SHA256 = sha256Hex('')
