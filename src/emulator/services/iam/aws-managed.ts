import { getAwsManagedPolicy, listAwsManagedPolicies } from '../../managed-policies/index.js'
import { policySortKey, type AccountState } from '../../state/model.js'
import type { SortedSource } from '../../state/sorted-map.js'
import type { PolicyView } from './managed-policy-view.js'

/**
 * AWS managed policies as PolicyViews, from the platform's managed-policy data
 * (`src/emulator/managed-policies`), plus those an account snapshot carried into the account
 * (`AccountState.awsManagedPolicies`). A policy never changes, so its view is built once.
 */

type AwsPolicy = NonNullable<ReturnType<typeof getAwsManagedPolicy>>

const cache = new WeakMap<AwsPolicy, PolicyView>()

function toView(p: AwsPolicy): PolicyView {
  let view = cache.get(p)
  if (!view) {
    const created = Date.parse(p.createDate)
    const updated = Date.parse(p.updateDate)
    view = {
      awsManaged: true,
      name: p.name,
      id: p.id,
      arn: p.arn,
      path: p.path,
      description: p.description,
      createDate: created,
      updateDate: updated,
      defaultVersionId: p.defaultVersionId,
      versions: [{ versionId: p.defaultVersionId, document: p.document, createDate: updated }],
      tags: [],
    }
    cache.set(p, view)
  }
  return view
}

/** The AWS managed policy `arn` as `account` sees it. */
export function awsManagedPolicy(arn: string, account: AccountState): PolicyView | undefined {
  const p = getAwsManagedPolicy(arn, account.awsManagedPolicies)
  return p ? toView(p) : undefined
}

/** Every AWS managed policy `account` sees. */
export function awsManagedPolicies(account: AccountState): PolicyView[] {
  return listAwsManagedPolicies(account.awsManagedPolicies).map(toView)
}

function sortedSource(views: PolicyView[]): SortedSource<PolicyView> {
  const rows = views.map((view) => ({ sortKey: policySortKey(view), view }))
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
  return { size: rows.length, sortKeyAt: (i) => rows[i]!.sortKey, valueAt: (i) => rows[i]!.view }
}

let base: SortedSource<PolicyView> | undefined
/** An account's snapshot additions with the sorted source built for them (rebuilt when they change). */
const withExtras = new WeakMap<object, { count: number; sorted: SortedSource<PolicyView> }>()

/** AWS managed policies in ListPolicies order (`policySortKey`), as `account` sees them; built once per set. */
export function awsManagedSorted(account: AccountState): SortedSource<PolicyView> {
  const extra = account.awsManagedPolicies
  if (!extra?.length) return (base ??= sortedSource(listAwsManagedPolicies().map(toView)))
  const known = withExtras.get(extra)
  if (known && known.count === extra.length) return known.sorted
  const sorted = sortedSource(awsManagedPolicies(account))
  withExtras.set(extra, { count: extra.length, sorted })
  return sorted
}
