import type { StepResult } from '../engine/events.js'

const COLUMN = 170
const ROW = 24
const TOP = 40
const LABEL_MAX = 44

const COLOUR: Record<StepResult['status'], string> = { passed: '#1a7f37', failed: '#cf222e', errored: '#9a6700', skipped: '#6e7781' }

/** The arrow heads every diagram uses, defined once a page (ids are unique in a document). */
export const SEQUENCE_DEFS = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>${Object.entries(COLOUR)
  .map(([status, colour]) => `<marker id="arrow-${status}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${colour}"/></marker>`)
  .join('')}</defs></svg>`

/**
 * Who called what, as an inline SVG sequence diagram (no script, no network): the acting
 * identities and the services as lifelines, one arrow a step, coloured by its status; an AWS
 * error answer is marked with ✗ and its code. Every text is escaped by `esc`.
 */
export function sequenceSvg(steps: StepResult[], esc: (text: string) => string): string {
  const identities: string[] = []
  const services: string[] = []
  for (const s of steps) {
    if (!identities.includes(s.as)) identities.push(s.as)
    const service = serviceOf(s.action)
    if (!services.includes(service)) services.push(service)
  }
  const lanes = [...identities, ...services]
  const x = (name: string) => COLUMN / 2 + lanes.indexOf(name) * COLUMN
  const width = lanes.length * COLUMN
  const height = TOP + steps.length * ROW + 16
  const parts = [
    `<svg class="sequence" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="sequence diagram">`,
  ]
  for (const lane of lanes) {
    const service = services.includes(lane) && !identities.includes(lane)
    parts.push(
      `<line x1="${x(lane)}" y1="${TOP - 8}" x2="${x(lane)}" y2="${height - 4}" stroke="#d0d7de" stroke-dasharray="4 3"/>`,
      `<text x="${x(lane)}" y="18" text-anchor="middle" font-weight="600"${service ? ' font-style="italic"' : ''}>${esc(clip(service ? lane.toUpperCase() : lane))}</text>`,
    )
  }
  steps.forEach((s, i) => {
    const y = TOP + i * ROW + 12
    const from = x(s.as)
    const to = x(serviceOf(s.action))
    const colour = COLOUR[s.status]
    const denied = s.outcome?.kind === 'error' ? ` ✗ ${s.outcome.code}` : ''
    const label = clip(`${s.index + 1}. ${s.action.slice(s.action.indexOf('.') + 1)}${denied}`)
    parts.push(
      `<line x1="${from}" y1="${y}" x2="${to}" y2="${y}" stroke="${colour}" stroke-width="1.5" marker-end="url(#arrow-${s.status})"${s.status === 'skipped' ? ' stroke-dasharray="3 3"' : ''}/>`,
      `<text x="${(from + to) / 2}" y="${y - 4}" text-anchor="middle" font-size="11" fill="${colour}">${esc(label)}</text>`,
    )
  })
  parts.push('</svg>')
  return parts.join('\n')
}

function serviceOf(action: string): string {
  const dot = action.indexOf('.')
  return dot < 0 ? action : action.slice(0, dot)
}

function clip(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`
}
