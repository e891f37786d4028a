/** String condition operators: StringEquals, StringEqualsIgnoreCase, StringLike (and negations). */
import type { FamilyCompiler, FamilyMatcher } from './family.js'
import { compileGlob, type Matcher } from '../wildcard.js'
import { hasVariables, parseTemplate, resolveTemplate, type TemplatePart } from '../variables.js'
import { globMatch } from '../wildcard.js'

function templates(values: readonly string[], variables: boolean, wildcards: boolean): TemplatePart[][] {
  return values.map((v) => parseTemplate(v, { variables, wildcards }))
}

function literal(parts: TemplatePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : '')).join('')
}

function equalsFamily(ignoreCase: boolean): FamilyCompiler {
  return (values, variables) => {
    const tpls = templates(values, variables, false)
    const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s)
    if (!tpls.some(hasVariables)) {
      const set = new Set(tpls.map((t) => norm(literal(t))))
      return { test: (v) => set.has(norm(v)) }
    }
    return {
      test(v, lookup) {
        const want = norm(v)
        let resolvedAny = false
        for (const t of tpls) {
          const r = resolveTemplate(t, lookup)
          if (r === undefined) continue
          resolvedAny = true
          if (norm(r.join('')) === want) return true
        }
        return resolvedAny ? false : undefined
      },
    }
  }
}

/** StringEquals / StringNotEquals: exact, case-sensitive; no wildcards. */
export const stringEquals: FamilyCompiler = equalsFamily(false)
/** StringEqualsIgnoreCase / StringNotEqualsIgnoreCase. */
export const stringEqualsIgnoreCase: FamilyCompiler = equalsFamily(true)

/** StringLike / StringNotLike: case-sensitive, `*` and `?` wildcards. */
export const stringLike: FamilyCompiler = (values, variables): FamilyMatcher => {
  const tpls = templates(values, variables, true)
  if (!tpls.some(hasVariables)) {
    const ms: Matcher[] = tpls.map((t) => compileGlob(t as never))
    return { test: (v) => ms.some((m) => m(v)) }
  }
  return {
    test(v, lookup) {
      let resolvedAny = false
      for (const t of tpls) {
        const r = resolveTemplate(t, lookup)
        if (r === undefined) continue
        resolvedAny = true
        if (globMatch(r, v)) return true
      }
      return resolvedAny ? false : undefined
    },
  }
}
