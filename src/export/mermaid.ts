import type { Plan } from '../engine/plan/plan-types.js'
import { OPERATOR } from '../scenario/types.js'
import { type ExportModel, exportModel } from './model.js'

const SERVICES: Record<string, string> = { iam: 'IAM', sts: 'STS', s3: 'S3' }

/** `iamflow export --format mermaid`: who calls what, identities as lifelines, denials crossed. */
export function exportMermaid(plan: Plan): string {
  return mermaidOf(exportModel(plan))
}

/** A participant id Mermaid accepts (letters, digits, `_`), distinct from the services. */
export function participantId(name: string): string {
  return `id_${name.replace(/[^A-Za-z0-9_]/g, '_')}`
}

/** Text safe on a Mermaid message line (no `;`, `#`, line breaks). */
function label(text: string): string {
  return text.replace(/[;#\n\r]/g, ' ').replace(/\s+/g, ' ').trim()
}

/** The `sequenceDiagram` text of an export model. */
export function mermaidOf(model: ExportModel): string {
  const lines = ['sequenceDiagram']
  for (const i of model.identities) lines.push(`  participant ${participantId(i.name)} as ${label(i.name === OPERATOR ? 'operator' : i.name)}`)
  const services = [...new Set(model.steps.map((s) => s.action.service))]
  for (const s of services) lines.push(`  participant ${SERVICES[s] ?? s.toUpperCase()}`)
  for (const s of model.steps) {
    for (const a of s.assumes) {
      lines.push(`  ${participantId(a.from)}->>STS: AssumeRole (identity ${label(a.identity)})`)
      lines.push(`  STS-->>${participantId(a.identity)}: credentials`)
    }
    const who = participantId(s.as)
    const svc = SERVICES[s.action.service] ?? s.action.service.toUpperCase()
    const op = s.action.command ? s.action.command.replace(/Command$/, '') : s.action.name
    lines.push(`  ${who}->>${svc}: ${s.number}. ${label(op)}`)
    if (s.expect.error) lines.push(`  ${svc}--x${who}: ${label(s.expect.error)}${s.expect.because ? ` (${label(s.expect.because)})` : ''}`)
    else {
      const kept = s.kept.filter((k) => k.capture).map((k) => k.name)
      const made = s.identity ? [`identity ${s.identity.name}`] : []
      lines.push(`  ${svc}-->>${s.identity ? participantId(s.identity.name) : who}: ${label(['ok', ...kept, ...made].join(' '))}`)
    }
  }
  return `${lines.join('\n')}\n`
}
