import type { AccountState, ManagedPolicyEntity } from '../../state/model.js'
import type { SortedSource } from '../../state/sorted-map.js'
import { awsManagedPolicy, awsManagedPolicies } from './aws-managed.js'
import { iamErrors } from './errors.js'
import { customerView, type PolicyView } from './managed-policy-view.js'

/**
 * Managed policies by ARN, customer and AWS alike (see managed-policy-view.ts): lookups with
 * AWS's NoSuchEntity and InvalidInput answers, and what is attachable.
 */
export { customerView, type PolicyView }

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy\/(.+)$/

/** Account segment of a syntactically valid policy ARN, or InvalidInput `ARN x is not valid.` */
export function policyArnAccount(arn: string): string {
  const m = POLICY_ARN.exec(arn)
  if (!m) throw iamErrors.invalidArn(arn)
  return m[1]!
}

/** The policy an ARN names, as visible from `account` (its own policies and AWS's), if any. */
export function findPolicy(account: AccountState, arn: string): PolicyView | undefined {
  const owner = policyArnAccount(arn)
  if (owner === 'aws') return awsManagedPolicy(arn, account)
  if (owner !== account.id) return undefined
  const entity = account.policies.get(arn)
  return entity ? customerView(entity) : undefined
}

/** GetPolicy-style lookup: NoSuchEntity `Policy <arn> was not found.` */
export function requirePolicy(account: AccountState, arn: string): PolicyView {
  const view = findPolicy(account, arn)
  if (!view) throw iamErrors.policyNotFound(arn)
  return view
}

/** Attach/boundary lookup: NoSuchEntity `Policy <arn> does not exist or is not attachable.` */
export function requireAttachable(account: AccountState, arn: string): PolicyView {
  const view = findPolicy(account, arn)
  if (!view) throw iamErrors.policyNotAttachable(arn)
  return view
}

/** A customer managed policy that may be changed (AWS managed ones are read-only). */
export function requireCustomerPolicy(account: AccountState, arn: string): ManagedPolicyEntity {
  const view = requirePolicy(account, arn)
  if (!view.entity) {
    // AWS refuses changes to AWS managed policies (exact error unconfirmed; spec 6.5).
    throw iamErrors.invalidInput(`Policy ${arn} is an AWS managed policy and cannot be modified.`)
  }
  return view.entity
}

/** Every policy visible from `account` for ListPolicies' scopes. */
export function allPolicies(account: AccountState, scope: 'All' | 'AWS' | 'Local'): PolicyView[] {
  const out: PolicyView[] = []
  if (scope !== 'Local') out.push(...awsManagedPolicies(account))
  if (scope !== 'AWS') for (const p of account.policies.values()) out.push(customerView(p))
  return out
}

/** The account's customer managed policies in ListPolicies order, as views (made on access). */
export function customerPoliciesSorted(account: AccountState): SortedSource<PolicyView> {
  const policies = account.policies
  return {
    get size() {
      return policies.size
    },
    sortKeyAt: (i) => policies.sortKeyAt(i),
    valueAt: (i) => customerView(policies.valueAt(i)),
  }
}

/** The default version's document text. */
export function defaultDocument(view: PolicyView): string {
  const v = view.versions.find((x) => x.versionId === view.defaultVersionId)
  return v ? v.document : ''
}
