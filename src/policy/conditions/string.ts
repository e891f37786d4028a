/** String condition operators: StringEquals, StringEqualsIgnoreCase, StringLike (and negations). */
import type { FamilyCompiler, FamilyMatcher } from './family.js'
import { compileGlob, type GlobPart, type Matcher } from '../wildcard.js'
import { hasVariables, parseTemplate, resolvable, templateMatch, type TemplatePart, type VariableLookup } from '../variables.js'

function lowerTemplate(t: TemplatePart[]): TemplatePart[] {
  return t.map((p) => (typeof p === 'string' ? p.toLowerCase() : p))
}

/** Tests templates with variables: true on a match, undefined when none could be resolved. */
function templatesTest(tpls: readonly TemplatePart[][], v: string, lookup: VariableLookup): boolean | undefined {
  let resolvedAny = false
  for (const t of tpls) {
    if (!resolvable(t, lookup)) continue
    resolvedAny = true
    if (templateMatch(t, v, lookup)) return true
  }
  return resolvedAny ? false : undefined
}

function equalsFamily(ignoreCase: boolean): FamilyCompiler {
  return (values, variables): FamilyMatcher => {
    // Without wildcards a template match is an equality test.
    let tpls = values.map((v) => parseTemplate(v, { variables, wildcards: false }))
    if (ignoreCase) tpls = tpls.map(lowerTemplate)
    if (!tpls.some(hasVariables)) {
      const set = new Set(tpls.map((t) => (t as string[]).join('')))
      return ignoreCase ? { test: (v) => set.has(v.toLowerCase()) } : { test: (v) => set.has(v) }
    }
    if (!ignoreCase) return { test: (v, lookup) => templatesTest(tpls, v, lookup) }
    return {
      test: (v, lookup) => templatesTest(tpls, v.toLowerCase(), (k) => lookup(k)?.toLowerCase()),
    }
  }
}

/** StringEquals / StringNotEquals: exact, case-sensitive; no wildcards. */
export const stringEquals: FamilyCompiler = equalsFamily(false)
/** StringEqualsIgnoreCase / StringNotEqualsIgnoreCase. */
export const stringEqualsIgnoreCase: FamilyCompiler = equalsFamily(true)

/** StringLike / StringNotLike: case-sensitive, `*` and `?` wildcards. */
export const stringLike: FamilyCompiler = (values, variables): FamilyMatcher => {
  const tpls = values.map((v) => parseTemplate(v, { variables, wildcards: true }))
  if (!tpls.some(hasVariables)) {
    const ms: Matcher[] = tpls.map((t) => compileGlob(t as GlobPart[]))
    return { test: (v) => ms.some((m) => m(v)) }
  }
  return { test: (v, lookup) => templatesTest(tpls, v, lookup) }
}
