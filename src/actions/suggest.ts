/**
 * "Did you mean" for action names: the closest known name by edit distance, compared without
 * case, `-` or `_` (so `iam.CreateRole` and `iam.create-role` find `iam.createRole`), and by the
 * operation alone when the service prefix is missing or wrong.
 */

/** Levenshtein distance (insert, delete, substitute cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    }
    prev = cur
  }
  return prev[b.length]
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '')
}

function operationPart(name: string): string {
  const dot = name.indexOf('.')
  return dot < 0 ? name : name.slice(dot + 1)
}

/**
 * The best suggestion for `name` among `candidates` (listed in preference order: earlier wins a
 * tie), or undefined when nothing is close enough (distance above a third of the name's length).
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const wanted = normalize(name)
  const wantedOp = normalize(operationPart(name))
  const limit = Math.max(2, Math.floor(wantedOp.length / 3))
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const normalized = normalize(candidate)
    const op = normalize(operationPart(candidate))
    // The distance is at least the length difference: skip what cannot come within the limit
    // (keeps a hostile 1 MiB name from costing minutes of edit distance).
    if (Math.min(Math.abs(wanted.length - normalized.length), Math.abs(wantedOp.length - op.length) + 1) > limit) continue
    const full = editDistance(wanted, normalized)
    // A wrong or missing service prefix costs 1 on top of the operation's distance.
    const byOp = editDistance(wantedOp, op) + 1
    const score = Math.min(full, byOp)
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return bestScore <= limit ? best : undefined
}
