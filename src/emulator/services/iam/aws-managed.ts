import { getAwsManagedPolicy, listAwsManagedPolicies } from '../../managed-policies/index.js'
import type { PolicyView } from './policy-view.js'

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
