import { parse, stringify } from 'yaml'
import type { Rng } from './rng.js'

/**
 * A seeded mutator of scenario text: structural edits on the parsed document (delete, duplicate,
 * retype, rename keys; shared objects that stringify as anchors and aliases; deep nesting; huge
 * values; unicode) and text edits on the source (tabs, truncation, stray YAML syntax, aliases,
 * tags, several documents, line-ending and byte-order changes). Every case is named so a
 * failure says which mutations produced it.
 */
export interface Mutated {
  text: string
  /** The mutations applied, in order. */
  ops: string[]
}

type Data = unknown
type Path = Array<string | number>

const UNICODE = ['é', 'ß', '中文', '🔥', '👩‍👩‍👧', '\u200b', '\u202e', '\u0301', 'İ', 'ﬁ', '\ud83d\ude00', '\u2028', '\ufeff', 'Ω', 'ℵ', '\u00a0']
const SCALARS: Data[] = [0, -1, 1.5, 1e309, true, false, null, '', ' ', 'yes', '0x1F', '.inf', '~', '${{ nope }}', '${{', '}}', '*', 'arn:aws:iam::123456789012:role/x', 'iam.createRole', 'iam.createRol', 's3.nothing']
const SYNTAX = [':', ': ', '-', '- ', '{', '}', '[', ']', '"', "'", '#', '&', '*', '!', '|', '>', '%', '@', '`', '? ', ',', '\\', '\t', '\n', '\r', '${{', '}}', '<<: ']
const TAGS = ['!Ref ', '!!binary ', '!!js/function ', '!!str ', '!!int ', '!!map ', '!custom ', '!!set ']

/** Every path to a value in plain data (the root included; shared or cyclic objects once). */
function paths(value: Data, at: Path = [], out: Path[] = [], seen = new Set<object>()): Path[] {
  out.push(at)
  if (!isContainer(value) || seen.has(value)) return out
  seen.add(value)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out, seen))
  else for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out, seen)
  return out
}

/** Lists and plain mappings (not the Uint8Array of a !!binary, a Date, ...). */
function isContainer(value: Data): value is object {
  if (Array.isArray(value)) return true
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function getAt(data: Data, path: Path): Data {
  let node = data
  for (const seg of path) node = (node as Record<string | number, Data>)[seg]
  return node
}

/** Replace (or, with `remove`, delete) the value at a non-empty path, in place. */
function setAt(data: Data, path: Path, value: Data, remove = false): void {
  const parent = getAt(data, path.slice(0, -1)) as Record<string | number, Data>
  const key = path[path.length - 1]
  if (remove) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]
  else parent[key] = value
}

function randomValue(rng: Rng): Data {
  switch (rng.int(0, 5)) {
    case 0:
      return rng.pick(SCALARS)
    case 1:
      return Array.from({ length: rng.int(0, 3) }, () => rng.pick(SCALARS))
    case 2:
      return Object.fromEntries(Array.from({ length: rng.int(0, 3) }, (_, i) => [`k${i}${rng.pick(UNICODE)}`, rng.pick(SCALARS)]))
    case 3:
      return rng.pick(UNICODE).repeat(rng.int(1, 50))
    case 4:
      return rng.int(-1e6, 1e6)
    default:
      return `${rng.pick(SCALARS)}${rng.pick(UNICODE)}`
  }
}

function nest(value: Data, depth: number, rng: Rng): Data {
  let v = value
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { [`n${i}`]: v }
  return v
}

function huge(rng: Rng): Data {
  switch (rng.int(0, 3)) {
    case 0:
      return 'x'.repeat(rng.int(10_000, 120_000))
    case 1:
      return Array.from({ length: rng.int(500, 6_000) }, (_, i) => i)
    case 2:
      return Object.fromEntries(Array.from({ length: rng.int(200, 2_000) }, (_, i) => [`key${i}`, i]))
    default:
      return `${'${{ a }}'.repeat(rng.int(100, 5_000))}`
  }
}

/** Structural mutations: name -> edit of the parsed data (in place; may return a new root). */
const structural: Array<[string, (data: Data, rng: Rng) => Data]> = [
  ['delete-key', (d, rng) => {
    const ps = paths(d).filter((p) => p.length > 0)
    if (ps.length) setAt(d, rng.pick(ps), undefined, true)
    return d
  }],
  ['retype-value', (d, rng) => {
    const ps = paths(d).filter((p) => p.length > 0)
    if (ps.length) setAt(d, rng.pick(ps), randomValue(rng))
    return d
  }],
  ['rename-key', (d, rng) => {
    const ps = paths(d).filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string')
    if (!ps.length) return d
    const p = rng.pick(ps)
    const v = getAt(d, p)
    setAt(d, p, undefined, true)
    const key = String(p[p.length - 1])
    const renamed = rng.chance(0.5) ? key.slice(0, -1) : `${key}${rng.pick(UNICODE)}`
    setAt(d, [...p.slice(0, -1), renamed], v)
    return d
  }],
  ['duplicate-entry', (d, rng) => {
    const lists = paths(d).filter((p) => Array.isArray(getAt(d, p)) && (getAt(d, p) as Data[]).length > 0)
    if (!lists.length) return d
    const list = getAt(d, rng.pick(lists)) as Data[]
    list.splice(rng.int(0, list.length), 0, structuredClone(rng.pick(list)))
    return d
  }],
  ['shared-object (anchor and alias)', (d, rng) => {
    const objs = paths(d).filter((p) => p.length > 0 && isContainer(getAt(d, p)))
    const all = paths(d).filter((p) => p.length > 0)
    if (!objs.length || !all.length) return d
    setAt(d, rng.pick(all), getAt(d, rng.pick(objs)))
    return d
  }],
  ['deep-nesting', (d, rng) => {
    const ps = paths(d).filter((p) => p.length > 0)
    if (ps.length) setAt(d, rng.pick(ps), nest(randomValue(rng), rng.int(10, 200), rng))
    return d
  }],
  ['huge-value', (d, rng) => {
    const ps = paths(d).filter((p) => p.length > 0)
    if (ps.length) setAt(d, rng.pick(ps), huge(rng))
    return d
  }],
  ['unicode-key-or-value', (d, rng) => {
    const ps = paths(d).filter((p) => p.length > 0)
    if (!ps.length) return d
    const p = rng.pick(ps)
    const v = getAt(d, p)
    if (typeof v === 'string' && rng.chance(0.6)) setAt(d, p, `${v.slice(0, rng.int(0, v.length))}${rng.pick(UNICODE)}${v.slice(rng.int(0, v.length))}`)
    else setAt(d, [...p.slice(0, -1), `${String(p[p.length - 1])}${rng.pick(UNICODE)}`], v)
    return d
  }],
  ['swap-steps', (d, rng) => {
    const steps = (d as { steps?: Data[] } | null)?.steps
    if (Array.isArray(steps) && steps.length > 1) {
      const i = rng.int(0, steps.length - 1)
      const j = rng.int(0, steps.length - 1)
      ;[steps[i], steps[j]] = [steps[j], steps[i]]
    }
    return d
  }],
  ['replace-root', (_d, rng) => randomValue(rng)],
]

/** Text mutations of the YAML source. */
const textual: Array<[string, (t: string, rng: Rng) => string]> = [
  ['truncate', (t, rng) => t.slice(0, rng.int(0, t.length))],
  ['tabs-for-indent', (t, rng) => t.split('\n').map((l) => (rng.chance(0.3) ? l.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2)) : l)).join('\n')],
  ['insert-syntax', (t, rng) => {
    const i = rng.int(0, t.length)
    return t.slice(0, i) + rng.pick(SYNTAX) + t.slice(i)
  }],
  ['delete-chars', (t, rng) => {
    const i = rng.int(0, t.length)
    return t.slice(0, i) + t.slice(i + rng.int(1, 20))
  }],
  ['duplicate-line (duplicate key)', (t, rng) => {
    const lines = t.split('\n')
    const i = rng.int(0, lines.length - 1)
    lines.splice(i, 0, lines[i])
    return lines.join('\n')
  }],
  ['swap-lines', (t, rng) => {
    const lines = t.split('\n')
    const i = rng.int(0, lines.length - 1)
    const j = rng.int(0, lines.length - 1)
    ;[lines[i], lines[j]] = [lines[j], lines[i]]
    return lines.join('\n')
  }],
  ['anchor-and-alias', (t, rng) => {
    const lines = t.split('\n')
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+:\s*\S/.test(l))
    if (keyed.length < 2) return t
    const [, a] = rng.pick(keyed)
    const [, b] = rng.pick(keyed)
    const name = rng.pick(['a', 'x1', 'dup', 'ü'])
    lines[a] = lines[a].replace(/:\s*/, `: &${name} `)
    lines[b] = lines[b].replace(/:\s*.*$/, rng.chance(0.8) ? `: *${name}` : `: *missing-${name}`)
    return lines.join('\n')
  }],
  ['merge-key', (t, rng) => {
    const lines = t.split('\n')
    const i = rng.int(0, lines.length - 1)
    const indent = /^\s*/.exec(lines[i])![0]
    lines.splice(i, 0, `${indent}<<: ${rng.pick(['*a', '{ x: 1 }', '[1, 2]', 'text'])}`)
    return `${rng.chance(0.5) ? 'base: &a { name: merged }\n' : ''}${lines.join('\n')}`
  }],
  ['alias-bomb', (t, rng) => {
    const n = rng.int(3, 9)
    let bomb = 'l0: &l0 [x, x, x, x, x, x, x, x, x]\n'
    for (let i = 1; i < n; i++) bomb += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`
    return `${t}\n${bomb}`
  }],
  ['yaml-tag', (t, rng) => {
    const lines = t.split('\n')
    const i = rng.int(0, lines.length - 1)
    lines[i] = lines[i].replace(/:\s+(\S)/, (_m, c: string) => `: ${rng.pick(TAGS)}${c}`)
    return lines.join('\n')
  }],
  ['several-documents', (t, rng) => (rng.chance(0.5) ? `${t}\n---\n${t}` : `---\n${t}\n...\n`)],
  ['line-endings-and-bom', (t, rng) => rng.pick([t.replace(/\n/g, '\r\n'), `\ufeff${t}`, t.replace(/\n/g, '\r'), `${t}\u0000`, `\ufeff\ufeff${t}`])],
  ['yaml-1.1-and-odd-scalars', (t, rng) => t.replace(/: (\S+)$/m, `: ${rng.pick(['yes', 'off', '0o17', '017', '1_000', '.nan', '-.inf', '2026-01-01', '0x_1', '!!null', '"\\u00"', "'unterminated"])}`)],
  ['unicode-anywhere', (t, rng) => {
    const i = rng.int(0, t.length)
    return t.slice(0, i) + rng.pick(UNICODE) + t.slice(i)
  }],
  ['lone-surrogate', (t, rng) => {
    const i = rng.int(0, t.length)
    return `${t.slice(0, i)}${rng.pick(['\ud800', '\udfff'])}${t.slice(i)}`
  }],
  ['deep-flow-nesting', (t, rng) => {
    const n = rng.int(30, 5_000)
    return `${t}\nextra: ${'['.repeat(n)}${rng.chance(0.5) ? ']'.repeat(n) : ''}\n`
  }],
]

/** Relative frequency of the costly mutations (big texts make every case slower). */
const WEIGHT: Record<string, number> = { 'huge-value': 0.25, 'deep-nesting': 0.5, 'deep-flow-nesting': 0.5, 'alias-bomb': 0.5 }

function pickWeighted<T extends [string, unknown]>(rng: Rng, list: readonly T[]): T {
  for (;;) {
    const entry = rng.pick(list)
    if (rng.chance(WEIGHT[entry[0]] ?? 1)) return entry
  }
}

/** Apply 1..4 seeded mutations to `base` (a real scenario's text). */
export function mutateScenario(base: string, rng: Rng): Mutated {
  let text = base
  const ops: string[] = []
  const count = rng.int(1, 4)
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.5)) {
      let data: Data
      try {
        data = parse(text, { maxAliasCount: 100, logLevel: 'silent' })
      } catch {
        data = undefined
      }
      if (data !== undefined) {
        const [name, fn] = pickWeighted(rng, structural)
        try {
          const root = fn(data, rng)
          // Shared objects become &anchors and *aliases; unshared ones are written out.
          text = stringify(root, { aliasDuplicateObjects: true, lineWidth: rng.chance(0.5) ? 0 : 80 }) ?? ''
          ops.push(name)
          continue
        } catch {
          // The YAML library cannot write this data back (too deep for its recursion): edit the text instead.
        }
      }
    }
    const [name, fn] = pickWeighted(rng, textual)
    ops.push(name)
    text = fn(text, rng)
  }
  return { text, ops }
}
