import { isPlainObject, templateRefs, TemplateError } from './template.js'
import { credentialRefusal, envEntries, isCredentialEnvName, isEnvName } from './env-vars.js'
import type { DocPath } from './locator.js'
import { ENV_PREFIX } from './names.js'
import type { CheckContext } from './check-context.js'

/** The members of a step whose values are interpolated (and so may read the environment). */
const STEP_TEMPLATED = ['input', 'expect', 'undo'] as const

/**
 * The environment checks: a declared credential variable is refused at its declaration, and
 * every `${{ env.NAME }}` anywhere a template is replaced (vars, step input, expect and undo,
 * declared identities, used or not) must name a declared, non-credential variable.
 */
export function checkEnv(data: Record<string, unknown>, ctx: CheckContext): void {
  const declared = new Set<string>()
  for (const entry of envEntries(data.env)) {
    if (!isEnvName(entry.name)) continue // the schema says why
    if (isCredentialEnvName(entry.name)) {
      const { message, hint } = credentialRefusal(entry.name)
      ctx.diag.add('credential-env', `env: ${message}`, ctx.locator.locate(entry.path, { key: entry.key }), `remove it from env:; ${hint}`)
      continue
    }
    declared.add(entry.name)
  }
  for (const { value, path } of templatedValues(data)) {
    for (const leaf of leaves(value, path)) {
      let refs: ReturnType<typeof templateRefs>
      try {
        refs = templateRefs(leaf.text, leaf.path)
      } catch (err) {
        if (err instanceof TemplateError) continue // reported by the template checks
        throw err
      }
      for (const ref of refs) {
        if (!ref.name.startsWith(ENV_PREFIX)) continue
        const name = ref.name.slice(ENV_PREFIX.length)
        const loc = ctx.locator.locateText(ref.path, new RegExp(`\\$\\{\\{\\s*${escapeRe(ref.name)}\\s*\\}\\}`))
        if (isCredentialEnvName(name)) {
          const { message, hint } = credentialRefusal(name)
          ctx.diag.add('credential-env', `\${{ ${ref.name} }}: ${message}`, loc, hint)
        } else if (!declared.has(name)) {
          ctx.diag.add(
            'undeclared-env',
            `\${{ ${ref.name} }} reads the environment variable ${name}, which the scenario does not declare`,
            loc,
            `declare it at the top level: env: [${name}] (or env: { ${name}: { default: "..." } }); a scenario reads only the variables it declares`,
          )
        }
      }
    }
  }
}

/** The parts of a raw scenario whose strings are interpolated, with their document paths. */
function templatedValues(data: Record<string, unknown>): Array<{ value: unknown; path: DocPath }> {
  const out: Array<{ value: unknown; path: DocPath }> = [
    { value: data.vars, path: ['vars'] },
    { value: data.identities, path: ['identities'] },
  ]
  if (Array.isArray(data.steps)) {
    data.steps.forEach((step, i) => {
      if (!isPlainObject(step)) return
      for (const key of STEP_TEMPLATED) out.push({ value: step[key], path: ['steps', i, key] })
    })
  }
  return out
}

/** Every string inside `value` (list elements and map values; keys are never interpolated). */
function leaves(value: unknown, path: DocPath): Array<{ text: string; path: DocPath }> {
  const out: Array<{ text: string; path: DocPath }> = []
  const visit = (v: unknown, at: DocPath): void => {
    if (typeof v === 'string') out.push({ text: v, path: at })
    else if (Array.isArray(v)) v.forEach((item, i) => visit(item, [...at, i]))
    else if (isPlainObject(v)) for (const [k, item] of Object.entries(v)) visit(item, [...at, k])
  }
  visit(value, path)
  return out
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
