/**
 * Lines written in batches: held until the end of the current event-loop turn, or until
 * `maxBytes` are held, then written with one call (`iamflow serve`'s request log: one
 * synchronous write per request cost about a fifth of serve's CPU per request). `flush()`
 * writes what is held at once: call it before other output on the same stream (to keep the
 * order) and when the process exits, so no line is lost when it stops or crashes. Touches no
 * process-wide state: the caller registers the exit flush.
 */
export class LineBuffer {
  #held: string[] = []
  #bytes = 0
  #scheduled = false

  constructor(
    private readonly write: (text: string) => void,
    /** Held at most: a push that reaches it writes at once. */
    private readonly maxBytes = 64 * 1024,
  ) {}

  /** Hold `text` (one or more whole lines, with their newlines) for the next write. */
  push(text: string): void {
    this.#held.push(text)
    this.#bytes += text.length
    if (this.#bytes >= this.maxBytes) {
      this.flush()
      return
    }
    if (!this.#scheduled) {
      this.#scheduled = true
      setImmediate(this.#onTurnEnd)
    }
  }

  /** Write everything held now, in one call (nothing when nothing is held). */
  flush(): void {
    if (this.#held.length === 0) return
    const text = this.#held.length === 1 ? this.#held[0]! : this.#held.join('')
    this.#held = []
    this.#bytes = 0
    this.write(text)
  }

  /** Bytes (UTF-16 units) held now. */
  get held(): number {
    return this.#bytes
  }

  #onTurnEnd = (): void => {
    this.#scheduled = false
    this.flush()
  }
}
