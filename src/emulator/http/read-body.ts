import type { IncomingMessage } from 'node:http'

/**
 * Bytes the server may hold for bodies it has not authenticated yet, across all connections:
 * a Query call is signed over its body's hash, so its body must arrive before its signature can
 * be checked, and an anonymous S3 write to a public bucket is never authenticated. Each request
 * takes what it receives and gives it back when its answer is sent.
 */
export class ByteBudget {
  #used = 0
  constructor(readonly total: number) {}
  get used(): number {
    return this.#used
  }
  /** Take `n` bytes; false (nothing taken) when that would exceed the total. */
  take(n: number): boolean {
    if (this.#used + n > this.total) return false
    this.#used += n
    return true
  }
  give(n: number): void {
    this.#used = Math.max(0, this.#used - n)
  }
}

export type BodyRead =
  | { kind: 'ok'; body: Buffer }
  /** More than `limit` bytes arrived: reading stopped (`received` counts what arrived so far). */
  | { kind: 'too-large'; received: number }
  /** The shared budget is spent. */
  | { kind: 'busy'; received: number }
  /** The client went away (or the socket failed) before the body ended. */
  | { kind: 'aborted' }

/**
 * Read a request body of at most `limit` bytes, counting it against `budget` when given. Stops
 * at the first byte over the limit (or the budget) and leaves the rest unread: the caller answers
 * and closes the connection. `held` reports the bytes taken from the budget, to give back.
 */
export function readBody(req: IncomingMessage, limit: number, budget?: ByteBudget, held?: { bytes: number }): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let received = 0
    let done = false
    const finish = (result: BodyRead) => {
      if (done) return
      done = true
      // A body read to its end emits nothing more but 'close' (ignored: `done`); a body left
      // unread stops here, and no later chunk may count against the budget.
      if (result.kind !== 'ok') {
        req.off('data', onData)
        req.off('end', onEnd)
        req.off('error', onAbort)
        req.off('close', onClose)
        req.pause()
      }
      resolve(result)
    }
    const onData = (c: Buffer) => {
      received += c.length
      if (received > limit) return finish({ kind: 'too-large', received })
      if (budget) {
        if (!budget.take(c.length)) return finish({ kind: 'busy', received })
        if (held) held.bytes += c.length
      }
      chunks.push(c)
    }
    const onEnd = () => finish({ kind: 'ok', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) })
    const onAbort = () => finish({ kind: 'aborted' })
    const onClose = () => {
      if (!req.complete) finish({ kind: 'aborted' })
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onAbort)
    req.on('close', onClose)
  })
}
