/** Widest source line shown in a frame; longer lines are clipped around the column. */
const MAX_WIDTH = 120

/** 1-based line and column of a character offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

/**
 * A short code frame: up to two lines before `line`, the line itself marked with `>`, and a caret
 * under `column` (both 1-based). Tabs before the caret are kept so it lines up in a terminal.
 */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = linesOf(text)
  if (line < 1 || line > lines.length) return ''
  const first = Math.max(1, line - 2)
  const width = String(line).length
  const out: string[] = []
  for (let n = first; n <= line; n++) {
    const { shown, offset } = clip(lines[n - 1], n === line ? column : 1)
    const marker = n === line ? '>' : ' '
    out.push(`${marker} ${String(n).padStart(width)} | ${shown}`.trimEnd())
    if (n === line) {
      const before = shown.slice(0, Math.max(0, column - 1 - offset)).replace(/[^\t]/g, ' ')
      out.push(`  ${' '.repeat(width)} | ${before}^`)
    }
  }
  return out.join('\n')
}

/** The lines of the last text framed: a file with thousands of errors is split once, not per error. */
let last: { text: string; lines: string[] } | undefined
function linesOf(text: string): string[] {
  if (last?.text !== text) last = { text, lines: text.split(/\r?\n|\r/) }
  return last.lines
}

function clip(source: string, column: number): { shown: string; offset: number } {
  const printable = source.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?')
  if (printable.length <= MAX_WIDTH) return { shown: printable, offset: 0 }
  const start = Math.max(0, Math.min(column - 1 - MAX_WIDTH / 2, printable.length - MAX_WIDTH))
  const body = printable.slice(start, start + MAX_WIDTH)
  return start > 0 ? { shown: `...${body.slice(3)}`, offset: start } : { shown: body, offset: 0 }
}
