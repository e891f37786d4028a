/** Every case table, for the table-driven tests. */
import type { EvalCase, ValidationCase } from './types.js'
import { cases as basics } from './basics.js'
import { cases as actions } from './actions.js'
import { cases as resources } from './resources.js'

/** Evaluation case tables by file. */
export const evalTables: Record<string, EvalCase[]> = {
  basics,
  actions,
  resources,
}

/** Validation case tables by file. */
export const validationTables: Record<string, ValidationCase[]> = {}
