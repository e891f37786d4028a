import { isAlias, isCollection, isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml'
import type { InputErrorCode } from '../errors.js'
import { Diagnostics } from './diagnostics.js'
import { keepLeadingZeroDigits } from './digit-strings.js'
import { createLocator, type Locator } from './locator.js'

/** Alias expansion beyond this many nodes is refused (a "billion laughs" document). */
export const MAX_EXPANDED_NODES = 100_000
/** yaml's own alias budget (uses x aliases inside the anchor), a second line of defence. */
export const MAX_ALIAS_COUNT = 1000
/** Deeper nesting than this is refused (policy documents need about 8). */
export const MAX_DEPTH = 64

/** A parsed scenario document: plain data plus what maps it back to the source. */
export interface ParsedYaml {
  file: string
  text: string
  doc: Document.Parsed
  locator: Locator
  /** The document as plain JS data (maps -> objects, sequences -> arrays). */
  data: unknown
}

const hints: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear once in a mapping: remove or rename one of them',
  TAB_AS_INDENT: 'YAML indents with spaces only: replace the tab(s) with spaces',
  MULTIPLE_DOCS: 'a scenario file holds one YAML document: remove the `---` separator or split the file',
  MISSING_CHAR: 'a quote or bracket is not closed: add the missing character',
  BAD_INDENT: 'check the indentation of this line against the lines above it',
  TAG_RESOLVE_FAILED: 'scenarios do not use YAML tags (such as !Ref): write the value as plain YAML',
}

/**
 * Parses scenario text into a YAML document with source positions. Collects every YAML problem
 * (syntax, duplicate keys, tabs, several documents, tags, complex keys, unknown anchors, alias
 * bombs, excessive nesting, a document that is empty or not a mapping) and throws them together
 * as a `ScenarioInvalidError`.
 */
export function parseScenarioYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true, keepSourceTokens: false })
  const locator = createLocator(doc, lineCounter, file, text)
  const diag = new Diagnostics(file, locator.frame)

  // One mistake often cascades into several errors on the same line: keep the first of each line.
  const lines = new Set<number>()
  for (const e of [...doc.errors, ...doc.warnings]) {
    const line = locator.at(e.pos[0]).line
    if (lines.has(line)) continue
    lines.add(line)
    addYamlError(diag, e, text, locator)
  }
  diag.throwIfAny()

  const root = doc.contents
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    diag.add('empty-scenario', `${file} is empty: a scenario needs at least name: and steps:`, locator.at(0), 'start from `iamflow init <name>`, which writes a starter scenario')
    diag.throwIfAny()
  }
  if (!isMap(root)) {
    const kind = isCollection(root) ? 'a list' : isAlias(root) ? 'an alias' : 'a single value'
    diag.add('not-a-mapping', `the scenario must be a mapping (name:, steps:, ...), but this document is ${kind}`, locator.locate([]), 'write the scenario as keys at the left margin: name:, description:, vars:, steps:')
    diag.throwIfAny()
  }

  checkNodes(doc, diag, locator)
  diag.throwIfAny()

  keepLeadingZeroDigits(doc)
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (err) {
    diag.add('alias-limit', `aliases expand too much: ${err instanceof Error ? err.message : String(err)}`, locator.locate([]), 'use fewer aliases (*name), or write the values out')
    diag.throwIfAny()
  }
  return { file, text, doc, locator, data }
}

function addYamlError(diag: Diagnostics, e: YAMLError, text: string, locator: Locator): void {
  const loc = locator.at(e.pos[0])
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
  let message = first
  if (e.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(e.pos[0]))?.[0].trim() ?? ''
    message = key ? `duplicate key "${key}" in this mapping` : 'duplicate key in this mapping'
  } else if (e.code === 'TAB_AS_INDENT') {
    message = 'a tab is used for indentation'
  } else if (e.code === 'MULTIPLE_DOCS') {
    message = 'the file holds several YAML documents'
  }
  const code = e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : e.code === 'TAB_AS_INDENT' ? 'tab-indent' : e.code === 'MULTIPLE_DOCS' ? 'several-documents' : 'yaml-syntax'
  const unclosed = /end with an? ([}\]])$/.exec(first)
  const hint = unclosed ? `a ${unclosed[1] === '}' ? '{' : '['} above is not closed: add the ${unclosed[1]} where it ends` : hints[e.code]
  diag.add(code, message, loc, hint ?? 'fix the YAML syntax here (indentation, quotes, colons)')
}

/** Complex keys, unknown anchors, depth and expanded size, with the position of the first offender. */
function checkNodes(doc: Document.Parsed, diag: Diagnostics, locator: Locator): void {
  const sizes = new Map<unknown, number>()
  let reported = false
  const size = (node: unknown, depth: number): number => {
    if (reported) return 0
    if (depth > MAX_DEPTH) {
      report('too-deep', `nesting is deeper than ${MAX_DEPTH} levels`, node, 'flatten the structure; scenarios and policies need only a few levels')
      return 0
    }
    if (isAlias(node)) {
      const target = node.resolve(doc)
      if (target === undefined) {
        report('unknown-anchor', `alias *${node.source} names no anchor defined before it`, node, `define &${node.source} earlier in the file, or write the value out`)
        return 0
      }
      const cached = sizes.get(target)
      const n = cached ?? size(target, depth + 1)
      if (cached === undefined) sizes.set(target, n)
      return n
    }
    if (isPair(node)) return size(node.key, depth) + size(node.value, depth)
    if (isCollection(node)) {
      let total = 1
      for (const item of node.items) {
        if (isPair(item) && item.key !== null && !isScalar(item.key) && !isAlias(item.key)) {
          report('complex-key', 'a key must be a plain value, not a list or mapping', item.key, 'write the key as text, e.g. `RoleName:`')
          return 0
        }
        total += size(item, depth + 1)
        if (total > MAX_EXPANDED_NODES) {
          report('alias-bomb', `the document expands to more than ${MAX_EXPANDED_NODES} values through aliases`, aliasIn(item) ?? node, 'this looks like an alias bomb: use fewer nested aliases (*name), or write the values out')
          return 0
        }
      }
      return total
    }
    return 1
  }
  const report = (code: InputErrorCode, message: string, node: unknown, hint: string): void => {
    reported = true
    const range = node && typeof node === 'object' && 'range' in node ? (node as { range?: [number, number, number] | null }).range : undefined
    diag.add(code, message, range ? locator.at(range[0]) : locator.locate([]), hint)
  }
  size(doc.contents, 0)
}

function aliasIn(node: unknown): unknown {
  if (isAlias(node)) return node
  if (isPair(node)) return aliasIn(node.value) ?? aliasIn(node.key)
  if (isCollection(node)) {
    for (const item of node.items) {
      const found = aliasIn(item)
      if (found) return found
    }
  }
  return undefined
}
