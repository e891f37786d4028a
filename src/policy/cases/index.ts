/** Every case table, for the table-driven tests. */
import type { EvalCase, ValidationCase } from './types.js'
import { cases as basics } from './basics.js'
import { cases as actions } from './actions.js'
import { cases as resources } from './resources.js'
import { cases as variables } from './variables.js'
import { cases as boundariesSessions } from './boundaries-sessions.js'
import { cases as resourcePolicies } from './resource-policies.js'
import { cases as trust } from './trust.js'
import { cases as rootAnonymous } from './root-anonymous.js'
import { cases as messages } from './messages.js'
import { cases as validation } from './validation.js'
import { cases as condString } from './cond-string.js'
import { cases as condNumericDate } from './cond-numeric-date.js'
import { cases as condBoolIp } from './cond-bool-ip.js'
import { cases as condArnNull } from './cond-arn-null.js'
import { cases as condSets } from './cond-sets.js'

/** Evaluation case tables by file. */
export const evalTables: Record<string, EvalCase[]> = {
  basics,
  actions,
  resources,
  variables,
  'boundaries-sessions': boundariesSessions,
  'resource-policies': resourcePolicies,
  trust,
  'root-anonymous': rootAnonymous,
  messages,
  'cond-string': condString,
  'cond-numeric-date': condNumericDate,
  'cond-bool-ip': condBoolIp,
  'cond-arn-null': condArnNull,
  'cond-sets': condSets,
}

/** Validation case tables by file. */
export const validationTables: Record<string, ValidationCase[]> = { validation }
