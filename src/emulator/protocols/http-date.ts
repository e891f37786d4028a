/** The last second formatted, and its text: every answer of that second carries the same Date. */
let cachedSecond = Number.NaN
let cachedText = ''

/**
 * An HTTP `Date` header value (`Thu, 03 Dec 2026 10:23:48 GMT`) for epoch ms, what
 * `new Date(ms).toUTCString()` gives (whole seconds), formatted once per second.
 */
export function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== cachedSecond) {
    cachedText = new Date(second * 1000).toUTCString()
    cachedSecond = second
  }
  return cachedText
}
