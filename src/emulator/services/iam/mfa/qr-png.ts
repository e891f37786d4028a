import { deflateSync } from 'node:zlib'

/**
 * The `QRCodePNG` of CreateVirtualMFADevice: a valid PNG (signature, IHDR, IDAT, IEND with
 * correct CRCs) that carries the device's `otpauth://totp/...` URI in a `tEXt` chunk keyed
 * `otpauth`. The image itself is a plain 21x21 grey square, not a scannable QR symbol: labs
 * compute codes from `Base32StringSeed`, and a QR encoder is out of proportion here.
 */

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const SIZE = 21

let crcTable: Uint32Array | undefined

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let c = 0xffffffff
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])))
  return Buffer.concat([head, data, crc])
}

/** The PNG bytes for a device whose authenticator URI is `uri`. */
export function qrCodePng(uri: string): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // greyscale
  // compression, filter, interlace: 0
  const rows = Buffer.alloc(SIZE * (SIZE + 1), 0xc0)
  for (let y = 0; y < SIZE; y++) rows[y * (SIZE + 1)] = 0 // filter type "None" per row
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`otpauth\0${uri}`, 'latin1')),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** The URI an authenticator app reads: `otpauth://totp/NAME@ACCOUNT?secret=SEED` (botocore's QRCodePNG doc). */
export function otpauthUri(deviceName: string, accountName: string, seed: string): string {
  return `otpauth://totp/${encodeURIComponent(deviceName)}@${encodeURIComponent(accountName)}?secret=${seed}`
}
