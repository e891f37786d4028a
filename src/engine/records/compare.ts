import type { FieldDiff, Observation, OutputObservation } from '../events.js'

export type { FieldDiff }

const NONE = '(none)'

/**
 * The fields in which two (normalised) observations differ, in a fixed order. Pure. Output
 * paths are compared as a whole set: a path only one side checked is a difference too.
 */
export function diffObservations(a: Observation, b: Observation): FieldDiff[] {
  const diffs: FieldDiff[] = []
  const field = (name: string, x: unknown, y: unknown) => {
    const sx = show(x)
    const sy = show(y)
    if (sx !== sy) diffs.push({ field: name, a: sx, b: sy })
  }
  field('outcome', a.outcome, b.outcome)
  field('code', a.code, b.code)
  field('status', a.status, b.status)
  field('because', a.because?.length ? a.because.join(' + ') : undefined, b.because?.length ? b.because.join(' + ') : undefined)
  field('message', a.message, b.message)
  const pa = byPath(a.output)
  const pb = byPath(b.output)
  for (const path of [...new Set([...pa.keys(), ...pb.keys()])].sort()) field(`output ${path}`, showOutput(pa.get(path)), showOutput(pb.get(path)))
  return diffs
}

function byPath(list: OutputObservation[] | undefined): Map<string, OutputObservation> {
  return new Map((list ?? []).map((o) => [o.path, o]))
}

function showOutput(o: OutputObservation | undefined): string | undefined {
  if (o === undefined) return undefined
  if (o.exists !== undefined) return o.exists ? 'present' : 'absent'
  return 'value' in o ? canonical(o.value) : 'nothing at that path'
}

function show(v: unknown): string {
  if (v === undefined) return NONE
  return typeof v === 'string' ? v : canonical(v)
}

/** JSON with object keys sorted at every level, whatever the prototype (stable comparison). */
export function canonical(v: unknown): string {
  return JSON.stringify(sortKeys(v)) ?? 'undefined'
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v !== null && typeof v === 'object') {
    const out: Array<[string, unknown]> = Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])
    // fromEntries defines own properties: a `__proto__` key stays an ordinary key.
    return Object.fromEntries(out)
  }
  return v
}
