import type { Plan } from '../engine/plan/plan-types.js'
import { OPERATOR, type OutputCheck } from '../scenario/types.js'
import { type CliCall, type ExportStep, exportModel, jmesPath } from './model.js'
import { mermaidOf } from './mermaid.js'

/** What `because:` means, in words. */
const BECAUSE: Record<string, string> = {
  implicitDeny: 'no identity-based policy of the caller allows it',
  explicitDeny: 'an explicit Deny statement matches',
  trustPolicy: "the role's trust policy does not let the caller assume it",
  permissionsBoundary: "the caller's permissions boundary does not allow it",
  sessionPolicy: 'the session policy does not allow it',
  resourcePolicy: 'the resource policy does not allow it (or denies it)',
}

/**
 * `iamflow export --format markdown`: a lab handout. Title and description, the identities,
 * each step as a numbered section with the AWS CLI command (policy documents as JSON files
 * beside it), the expected outcome in words and what it captures, a Mermaid sequence diagram,
 * and the teardown commands. Values a run decides appear as `<roleArn from step create-role>`.
 */
export function exportMarkdown(plan: Plan): string {
  const model = exportModel(plan)
  const out: string[] = [`# ${model.name}`, '']
  if (model.description) out.push(model.description, '')
  out.push('## Accounts and identities', '')
  out.push(`- Account: ${model.account ? `\`${model.account}\`` : 'the account your AWS CLI credentials belong to'}`)
  for (const i of model.identities) out.push(`- \`${i.name}\`: ${i.how}`)
  out.push('', 'Commands marked *as NAME* run with that identity\'s credentials (for example `AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... [AWS_SESSION_TOKEN=...] aws ...`).', '')
  out.push('## Steps', '')
  for (const s of model.steps) out.push(...stepSection(s))
  out.push('## Sequence diagram', '', '```mermaid', mermaidOf(model).trimEnd(), '```', '')
  const undos = model.steps.filter((s) => s.undo.length > 0).reverse()
  out.push('## Teardown', '')
  if (undos.length === 0) out.push('Nothing to undo.', '')
  else {
    out.push('Run as the operator, last created first:', '', '```sh')
    for (const s of undos) for (const u of s.undo) out.push(`${commandText(u, `${s.id}-undo`).command}   # undo step ${s.number}`)
    out.push('```', '')
  }
  return out.join('\n')
}

function stepSection(s: ExportStep): string[] {
  const out = [`### ${s.number}. ${s.title ?? s.id}`, '']
  out.push(`\`${s.action.name}\`${s.as === OPERATOR ? '' : `, *as ${s.as}*`} (step \`${s.id}\`)`, '')
  for (const a of s.assumes) out.push(`First \`${a.from}\` assumes the role of identity \`${a.identity}\`:`, '', '```sh', commandText(a.call, `${s.id}-assume`).command, '```', '')
  const { command, files } = commandText(s.call, s.id)
  out.push('```sh', command, '```', '')
  for (const f of files) out.push(`\`${f.name}\`:`, '', `\`\`\`${f.lang}`, f.content, '```', '')
  out.push(`**Expected:** ${expectation(s)}`, '')
  const captures = s.kept.filter((k) => k.capture)
  if (captures.length > 0) {
    out.push('**Captures:**', '')
    for (const c of captures) out.push(`- \`${c.name}\` = \`${c.path}\` (\`--query ${jmesPath(c.path)} --output text\`)`)
    out.push('')
  }
  if (s.identity) out.push(`**Identity:** the credentials in the output become \`${s.identity.name}\`.`, '')
  return out
}

function expectation(s: ExportStep): string {
  const e = s.expect
  if (e.error) {
    const why = e.because ? `: ${BECAUSE[e.because] ?? e.because}` : ''
    const msg = e.message ? ` The message contains "${e.message}".` : ''
    return `${e.error === 'AccessDenied' ? 'denied' : 'fails'} with \`${e.error}\`${why}.${msg}`
  }
  const checks = Object.entries(e.output).map(([path, c]) => `\`${path}\` ${describeCheck(c)}`)
  return checks.length > 0 ? `succeeds; ${checks.join('; ')}.` : 'succeeds.'
}

function describeCheck(c: OutputCheck): string {
  if ('exists' in c) return c.exists ? 'has a value' : 'has no value'
  if ('matches' in c) return `matches \`${c.matches}\``
  if ('contains' in c) return `contains \`${JSON.stringify(c.contains)}\``
  return `is \`${typeof c.equals === 'string' ? c.equals : JSON.stringify(c.equals)}\``
}

/** Shell-ish command text for a reader, with policy documents and bodies as files. */
function commandText(call: CliCall, stem: string): { command: string; files: Array<{ name: string; lang: string; content: string }> } {
  const words = ['aws', call.service, call.operation]
  const files: Array<{ name: string; lang: string; content: string }> = []
  for (const a of call.args) {
    if (a.kind === 'flag') words.push(a.option)
    else if (a.kind === 'value') words.push(a.option, quote(a.value))
    else if (a.kind === 'json' && a.document) {
      const name = `${stem}-${a.option.slice(2)}.json`
      files.push({ name, lang: 'json', content: JSON.stringify(a.value, null, 2) })
      words.push(a.option, `file://${name}`)
    } else if (a.kind === 'json') words.push(a.option, quote(JSON.stringify(a.value)))
    else if (a.kind === 'file') {
      const name = `${stem}-${a.member.toLowerCase()}.txt`
      files.push({ name, lang: 'text', content: a.content })
      words.push(a.option, name)
    } else words.push(a.name)
  }
  return { command: words.join(' '), files }
}

function quote(v: string): string {
  return /^[A-Za-z0-9_.,:/=@+-]+$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`
}
