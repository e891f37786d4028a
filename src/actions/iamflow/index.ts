import type { ActionDefinition } from '../define-action.js'
import { issueOidcToken } from './issue-oidc-token.js'

/** iamflow's own actions (emulator only), in name order. */
export const iamflowActions: ActionDefinition[] = [issueOidcToken]
