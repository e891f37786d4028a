import type { IdentityCredentials } from '../../actions/define-action.js'
import type { ClientFactory } from '../../aws/clients.js'
import { CredentialHandle, secretsOf } from '../../aws/credentials.js'
import type { IdentityDecl } from '../../scenario/types.js'
import { OPERATOR } from '../../scenario/types.js'
import { ownGet } from '../../safe-object.js'

/** A principal the run can act as. Credentials stay inside the opaque handle. */
export interface Identity {
  name: string
  /** undefined = the operator's standard credential chain (endpoint/AWS targets). */
  handle?: CredentialHandle
  /** Principal ARN when known (from the output that made it, or looked up on a failure). */
  arn?: string
  /** When the credentials were issued (epoch ms), for the new-key propagation signature. */
  issuedAt: number
  /** Step id that made it, `identities` for a declared one, `operator`. */
  source: string
  /** Its own client factory (a named account's operator on AWS, from its profile); default the target's. */
  factory?: ClientFactory
}

/**
 * The run's identities: the operator, those made by `identity:` steps, and the declared ones
 * (`identities:` block), which the runner assumes on first use.
 */
export class IdentityBook {
  private readonly known = new Map<string, Identity>()

  constructor(
    operator: Identity,
    readonly declared: Record<string, IdentityDecl> = {},
  ) {
    this.known.set(OPERATOR, operator)
  }

  /** Add a named account's operator (`operator@NAME`). */
  addOperator(identity: Identity): void {
    this.known.set(identity.name, identity)
  }

  get operator(): Identity {
    return this.known.get(OPERATOR) as Identity
  }

  /** The identity if it exists already (declared ones appear after their first use). */
  get(name: string): Identity | undefined {
    return this.known.get(name)
  }

  /** The declaration of a not-yet-assumed declared identity. */
  pendingDeclaration(name: string): IdentityDecl | undefined {
    return this.known.has(name) ? undefined : ownGet(this.declared, name)
  }

  /** Record credentials as identity `name` (replacing an earlier one of that name). */
  define(name: string, creds: IdentityCredentials, source: string, issuedAt = Date.now()): Identity {
    const identity: Identity = { name, handle: CredentialHandle.seal(name, creds), arn: creds.arn, issuedAt, source }
    this.known.set(name, identity)
    return identity
  }

  /** Every secret value held (for scrubbing output text). */
  secrets(): string[] {
    const out: string[] = []
    for (const i of this.known.values()) if (i.handle) out.push(...secretsOf(i.handle))
    return out
  }
}
