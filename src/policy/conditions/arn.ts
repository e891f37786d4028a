/**
 * ARN condition operators. ArnEquals and ArnLike behave the same (the IAM User Guide documents
 * both as segment-wise, wildcards allowed in each part); policy variables allowed.
 */
import type { FamilyCompiler } from './family.js'
import { compileArnPattern, matchArnPattern } from '../arn.js'
import { resolvable } from '../variables.js'

export const arnLike: FamilyCompiler = (values, variables) => {
  const pats = values.map((v) => compileArnPattern(v, variables))
  return {
    test(v, lookup) {
      let resolvedAny = false
      for (const p of pats) {
        // A pattern whose variable has no value takes no part.
        if (p.variables && !resolvable(p.template!, lookup)) continue
        resolvedAny = true
        if (matchArnPattern(p, v, lookup)) return true
      }
      return resolvedAny ? false : undefined
    },
  }
}
