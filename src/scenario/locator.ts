import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { SourceLocation } from '../errors.js'
import { codeFrame } from './code-frame.js'

/** A document path: map keys and list indexes from the root (`['steps', 2, 'input']`). */
export type DocPath = ReadonlyArray<string | number>

/** Maps document paths to source positions and renders code frames. */
export interface Locator {
  /**
   * Position of the value at `path` (or of its key with `{ key: true }`). A path that does not
   * exist resolves to its nearest existing ancestor, so every error has a position.
   */
  locate(path: DocPath, opts?: { key?: boolean }): SourceLocation
  /**
   * Position of `needle` inside the source of the value at `path` (e.g. the `${{ name }}` of a
   * template in a longer string); the value's own position when it is not found there.
   */
  locateText(path: DocPath, needle: RegExp): SourceLocation
  /** Position of a character offset. */
  at(offset: number): SourceLocation
  /** The code frame around a location of this file. */
  frame(loc: SourceLocation): string
}

/** Builds the locator of a parsed YAML document. */
export function createLocator(doc: Document.Parsed, lineCounter: LineCounter, file: string, text: string): Locator {
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)))
    return { file, line, column: col }
  }
  return {
    at,
    locate(path, opts = {}) {
      return at(findOffset(doc, path, opts.key === true))
    },
    locateText(path, needle) {
      const start = findOffset(doc, path, false)
      const end = findEnd(doc, path) ?? start
      const flags = needle.flags.includes('g') ? needle.flags : `${needle.flags}g`
      const re = new RegExp(needle.source, flags)
      re.lastIndex = start
      const m = re.exec(text)
      return at(m && m.index < end ? m.index : start)
    },
    frame(loc) {
      return loc.file === file ? codeFrame(text, loc.line, loc.column) : ''
    },
  }
}

function findOffset(doc: Document.Parsed, path: DocPath, wantKey: boolean): number {
  let node: unknown = doc.contents
  let offset = startOf(node) ?? 0
  for (let i = 0; i < path.length; i++) {
    node = deref(doc, node)
    const found = child(doc, node, path[i])
    if (!found) return offset
    const last = i === path.length - 1
    if (last && wantKey && found.key) return startOf(found.key) ?? offset
    node = found.value
    // A key with no value (`input:`) has no value node: point at the key.
    offset = startOf(node) ?? startOf(found.key) ?? offset
  }
  return offset
}

function findEnd(doc: Document.Parsed, path: DocPath): number | undefined {
  let node: unknown = doc.contents
  for (const segment of path) {
    const found = child(doc, deref(doc, node), segment)
    if (!found) return undefined
    node = found.value
  }
  const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined
  return range ? range[1] : undefined
}

function child(doc: Document.Parsed, node: unknown, segment: string | number): { key?: unknown; value: unknown } | undefined {
  if (isSeq(node)) {
    const index = typeof segment === 'number' ? segment : Number(segment)
    return Number.isInteger(index) && index >= 0 && index < node.items.length ? { value: node.items[index] } : undefined
  }
  if (!isMap(node)) return undefined
  const merges: unknown[] = []
  for (const pair of node.items) {
    if (!isPair(pair)) continue
    const key = isScalar(pair.key) ? pair.key.value : pair.key
    if (key !== null && key !== undefined && String(key) === String(segment)) return { key: pair.key, value: pair.value }
    if (key === '<<') merges.push(pair.value)
  }
  for (const merge of merges) {
    const target = deref(doc, merge)
    const sources = isSeq(target) ? target.items.map((item) => deref(doc, item)) : [target]
    for (const source of sources) {
      const found = child(doc, source, segment)
      if (found) return found
    }
  }
  return undefined
}

function deref(doc: Document.Parsed, node: unknown): unknown {
  let current = node
  for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(doc)
  return current
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range
    if (range) return range[0]
  }
  return undefined
}
