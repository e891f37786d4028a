// Small statistics helpers for the benchmarks: medians and percentiles of samples.

/** The q-quantile (0..1) of `values` by nearest rank; NaN for an empty list. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))
  return s[i]
}

/** Median of `values` (mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Round to `digits` significant decimals for reports (keeps small figures readable). */
export function round(x, digits = 2) {
  if (!Number.isFinite(x)) return x
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Median, p90/p99, min and count of samples in ms. */
export function summary(samples) {
  return { n: samples.length, median: round(median(samples), 3), p90: round(quantile(samples, 0.9), 3), p99: round(quantile(samples, 0.99), 3), min: round(Math.min(...samples), 3) }
}

/**
 * Run `fn` up to `count` times, stopping early once `maxMs` have passed (at least `minCount`
 * runs). Returns the per-run durations in ms. Every benchmark loop goes through a bound.
 */
export async function timedRuns(fn, { count, maxMs, minCount = 1 }) {
  const samples = []
  const deadline = performance.now() + maxMs
  for (let i = 0; i < count; i++) {
    if (i >= minCount && performance.now() > deadline) break
    const t0 = performance.now()
    await fn(i)
    samples.push(performance.now() - t0)
  }
  return samples
}
