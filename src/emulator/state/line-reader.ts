import { closeSync, openSync, readSync } from 'node:fs'

/** One line of a file: its text (without the newline), 1-based number and byte offsets. */
export interface Line {
  text: string
  number: number
  /** Offset of the line's first byte. */
  start: number
  /** Offset just after its newline (or after its last byte when it has none). */
  end: number
  /** False for a last line without a newline. */
  terminated: boolean
}

const CHUNK = 1 << 20

/** A line longer than the reader accepts (a damaged file, or not a state file at all). */
export class LineTooLong extends Error {
  constructor(
    readonly number: number,
    readonly limit: number,
  ) {
    super(`line ${number} is longer than ${limit} bytes`)
  }
}

/**
 * The lines of a file, read in 1 MiB chunks (never the whole file as one string). A line may
 * be at most `maxLine` bytes: input this reader did not write is bounded.
 */
export function* readLines(path: string, maxLine = 256 << 20): Generator<Line> {
  const fd = openSync(path, 'r')
  try {
    const chunk = Buffer.allocUnsafe(CHUNK)
    let pending: Buffer[] = []
    let pendingBytes = 0
    let offset = 0
    let lineStart = 0
    let number = 1
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, offset)
      if (n === 0) break
      let from = 0
      for (;;) {
        const nl = chunk.indexOf(10, from)
        if (nl < 0 || nl >= n) break
        const piece = chunk.subarray(from, nl)
        const bytes = pendingBytes ? Buffer.concat([...pending, piece]) : piece
        const text = bytes.toString('utf8')
        const end = offset + nl + 1
        yield { text, number, start: lineStart, end, terminated: true }
        pending = []
        pendingBytes = 0
        lineStart = end
        number++
        from = nl + 1
      }
      if (from < n) {
        pending.push(Buffer.from(chunk.subarray(from, n)))
        pendingBytes += n - from
        if (pendingBytes > maxLine) throw new LineTooLong(number, maxLine)
      }
      offset += n
    }
    if (pendingBytes) yield { text: Buffer.concat(pending).toString('utf8'), number, start: lineStart, end: offset, terminated: false }
  } finally {
    closeSync(fd)
  }
}
