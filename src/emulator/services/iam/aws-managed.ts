import { awsManagedGeneration, getAwsManagedPolicy, listAwsManagedPolicies } from '../../managed-policies/index.js'
import { policySortKey } from '../../state/model.js'
import type { SortedSource } from '../../state/sorted-map.js'
import type { PolicyView } from './managed-policy-view.js'

/**
 * AWS managed policies as PolicyViews, from the platform's managed-policy data
 * (`src/emulator/managed-policies`). They are the same for every account and never change,
 * so views are built once.
 */

type AwsPolicy = NonNullable<ReturnType<typeof getAwsManagedPolicy>>

const cache = new Map<string, PolicyView>()

function toView(p: AwsPolicy): PolicyView {
  let view = cache.get(p.arn)
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
    cache.set(p.arn, view)
  }
  return view
}

export function awsManagedPolicy(arn: string): PolicyView | undefined {
  const p = getAwsManagedPolicy(arn)
  return p ? toView(p) : undefined
}

export function awsManagedPolicies(): PolicyView[] {
  return listAwsManagedPolicies().map(toView)
}

let sorted: SortedSource<PolicyView> | undefined
let sortedGeneration = -1

/** AWS managed policies in ListPolicies order (`policySortKey`), built once (again when a snapshot adds one). */
export function awsManagedSorted(): SortedSource<PolicyView> {
  if (!sorted || sortedGeneration !== awsManagedGeneration()) {
    sortedGeneration = awsManagedGeneration()
    const rows = awsManagedPolicies().map((view) => ({ sortKey: policySortKey(view), view }))
    rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    sorted = { size: rows.length, sortKeyAt: (i) => rows[i]!.sortKey, valueAt: (i) => rows[i]!.view }
  }
  return sorted
}
