import { connect, type Socket } from 'node:net'

/** What came back over a raw connection. */
export interface RawExchange {
  /** Status of the final response (0 if none arrived). */
  status: number
  /** Interim `100 Continue` seen before it. */
  sawContinue: boolean
  headers: Record<string, string>
  body: string
  /** Body bytes this side managed to hand to the socket before the exchange ended. */
  bodyBytesSent: number
  /** The server closed the connection. */
  closed: boolean
}

const entity = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** `<Code>` (and other) elements of an XML answer. */
export function xmlField(body: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body)
  return m ? entity(m[1]!) : undefined
}

/**
 * Send a request head as written (`lines`, no trailing blank line) to 127.0.0.1:`port`, then
 * feed the body from `body` (called with a write function that respects back-pressure; it should
 * stop when `stopped()` is true), and collect the answer until the server closes the connection
 * or the response is complete. Nothing is added to the head.
 */
export function rawExchange(
  port: number,
  lines: string[],
  body?: (write: (chunk: Buffer | string) => Promise<boolean>, stopped: () => boolean) => Promise<void>,
  opts: { timeoutMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let received = Buffer.alloc(0)
    let sent = 0
    let ended = false
    let closed = false
    const timer = setTimeout(() => finish(), opts.timeoutMs ?? 20_000)
    const parse = (): RawExchange | undefined => {
      let text = received.toString('latin1')
      let sawContinue = false
      while (text.startsWith('HTTP/1.1 100')) {
        const end = text.indexOf('\r\n\r\n')
        if (end < 0) return undefined
        sawContinue = true
        text = text.slice(end + 4)
      }
      const headEnd = text.indexOf('\r\n\r\n')
      if (headEnd < 0) return undefined
      const [statusLine, ...headerLines] = text.slice(0, headEnd).split('\r\n')
      const headers: Record<string, string> = {}
      for (const l of headerLines) {
        const c = l.indexOf(':')
        headers[l.slice(0, c).toLowerCase()] = l.slice(c + 1).trim()
      }
      const rest = text.slice(headEnd + 4)
      const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined
      if (length !== undefined && Buffer.byteLength(rest, 'latin1') < length && !closed) return undefined
      if (length === undefined && !closed) return undefined
      return { status: Number(statusLine!.split(' ')[1]), sawContinue, headers, body: Buffer.from(rest, 'latin1').toString('utf8'), bodyBytesSent: sent, closed }
    }
    const finish = () => {
      if (ended) return
      ended = true
      clearTimeout(timer)
      const r = parse() ?? { status: 0, sawContinue: false, headers: {}, body: received.toString('utf8'), bodyBytesSent: sent, closed }
      socket.destroy()
      resolve({ ...r, closed })
    }
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d])
      const r = parse()
      // Keep reading until close when the server said it will close, to report `closed`.
      if (r && r.status !== 100 && r.headers.connection !== 'close') finish()
    })
    socket.on('close', () => {
      closed = true
      finish()
    })
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
        closed = true
        return finish()
      }
      if (!ended) reject(err)
    })
    socket.on('connect', () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (!body) return
      const write = (chunk: Buffer | string) =>
        new Promise<boolean>((ok) => {
          if (ended || socket.destroyed) return ok(false)
          const n = Buffer.byteLength(chunk)
          const flushed = socket.write(chunk, (err) => {
            if (!err) sent += n
          })
          if (flushed) ok(true)
          else socket.once('drain', () => ok(!ended))
        })
      body(write, () => ended || socket.destroyed).catch(() => {})
    })
  })
}
