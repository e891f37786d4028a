/** Bool and BinaryEquals condition operators. */
import type { FamilyCompiler } from './family.js'
import { hasVariables, parseTemplate, resolvable, templateMatch } from '../variables.js'

/** Bool: `true`/`false`, compared case-insensitively; policy variables allowed. */
export const bool: FamilyCompiler = (values, variables) => {
  const tpls = values.map((v) => parseTemplate(v.toLowerCase(), { variables, wildcards: false }))
  if (!tpls.some(hasVariables)) {
    const set = new Set(values.map((v) => v.toLowerCase()))
    return { test: (v) => set.has(v.toLowerCase()) }
  }
  return {
    test(v, lookup) {
      const low = (k: string) => lookup(k)?.toLowerCase()
      let resolvedAny = false
      for (const t of tpls) {
        if (!resolvable(t, low)) continue
        resolvedAny = true
        if (templateMatch(t, v.toLowerCase(), low)) return true
      }
      return resolvedAny ? false : undefined
    },
  }
}

/** BinaryEquals: the base64 text of the request value equals a policy value. */
export const binaryEquals: FamilyCompiler = (values) => {
  const set = new Set(values)
  return { test: (v) => set.has(v) }
}
