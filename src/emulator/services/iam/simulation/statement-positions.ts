/**
 * Line/column spans of each statement of a policy document, for SimulatePrincipalPolicy's
 * `MatchedStatements[].StartPosition/EndPosition`: 1-based line and column of the opening
 * brace, and of the character just after the closing brace. Scans the text as given, so
 * positions match what the author wrote.
 */

export interface Position {
  Line: number
  Column: number
}

export interface Span {
  StartPosition: Position
  EndPosition: Position
}

/** Offset just past the JSON value starting at `i` (strings, objects, arrays, scalars). */
function skipValue(text: string, i: number): number {
  const c = text[i]
  if (c === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++
      else if (text[j] === '"') return j + 1
    }
    return text.length
  }
  if (c === '{' || c === '[') {
    let depth = 0
    for (let j = i; j < text.length; j++) {
      const d = text[j]
      if (d === '"') {
        j = skipValue(text, j) - 1
      } else if (d === '{' || d === '[') depth++
      else if (d === '}' || d === ']') {
        depth--
        if (depth === 0) return j + 1
      }
    }
    return text.length
  }
  let j = i
  while (j < text.length && !/[,}\]\s]/.test(text[j]!)) j++
  return j
}

const skipWs = (text: string, i: number) => {
  while (i < text.length && /\s/.test(text[i]!)) i++
  return i
}

function positionAt(text: string, offset: number): Position {
  let line = 1
  let col = 1
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++
      col = 1
    } else col++
  }
  return { Line: line, Column: col }
}

/** Spans of the statements in document order (one for a single-object Statement). */
export function statementSpans(text: string): Span[] {
  let i = skipWs(text, 0)
  if (text[i] !== '{') return []
  i++
  const spans: Array<[number, number]> = []
  while (i < text.length) {
    i = skipWs(text, i)
    if (text[i] !== '"') break
    const keyEnd = skipValue(text, i)
    const keyName = text.slice(i + 1, keyEnd - 1)
    i = skipWs(text, keyEnd)
    if (text[i] !== ':') break
    i = skipWs(text, i + 1)
    const valueEnd = skipValue(text, i)
    if (keyName === 'Statement') {
      if (text[i] === '{') spans.push([i, valueEnd - 1])
      else if (text[i] === '[') {
        let j = skipWs(text, i + 1)
        while (j < valueEnd - 1) {
          const end = skipValue(text, j)
          if (text[j] === '{') spans.push([j, end - 1])
          j = skipWs(text, end)
          if (text[j] === ',') j = skipWs(text, j + 1)
          else break
        }
      }
    }
    i = skipWs(text, valueEnd)
    if (text[i] === ',') i++
    else break
  }
  return spans.map(([s, e]) => ({ StartPosition: positionAt(text, s), EndPosition: positionAt(text, e + 1) }))
}
