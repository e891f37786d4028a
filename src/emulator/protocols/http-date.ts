/** The last second formatted, and its text: every answer of that second carries the same Date. */
let cachedSecond = Number.NaN
let cachedText = ''
const MAX_TIME = 8.64e15

/**
 * An HTTP `Date` header value (`Thu, 03 Dec 2026 10:23:48 GMT`) for epoch ms, what
 * `new Date(ms).toUTCString()` gives (whole seconds), formatted once per second.
 */
export function httpDate(ms: number): string {
  // Past ±8.64e15 ms (ECMAScript's time range) a second can straddle the edge: no caching there.
  if (!(Math.abs(ms) < MAX_TIME)) return new Date(ms).toUTCString()
  const second = Math.floor(ms / 1000)
  if (second !== cachedSecond) {
    cachedText = new Date(second * 1000).toUTCString()
    cachedSecond = second
  }
  return cachedText
}
