/**
 * ARN condition operators. ArnEquals and ArnLike behave the same (the IAM User Guide documents
 * both as segment-wise, wildcards allowed in each part); policy variables allowed.
 */
import type { FamilyCompiler } from './family.js'
import { compileArnPattern, matchArnPattern } from '../arn.js'

export const arnLike: FamilyCompiler = (values, variables) => {
  const pats = values.map((v) => compileArnPattern(v, variables))
  return {
    test(v, lookup) {
      let resolvedAny = false
      for (const p of pats) {
        if (p.variables) {
          // A pattern whose variable has no value takes no part.
          const ok = matchArnPattern(p, v, lookup)
          if (ok) return true
          if (p.template!.every((t) => typeof t !== 'object' || lookup(t.key) !== undefined || t.fallback !== undefined)) resolvedAny = true
          continue
        }
        resolvedAny = true
        if (p.matcher!(v)) return true
      }
      return resolvedAny ? false : undefined
    },
  }
}
