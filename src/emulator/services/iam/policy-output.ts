import type { PolicyVersion } from '../../state/model.js'
import { date, encodePolicyDocument, tagsOut } from './output.js'
import type { PolicyView } from './policy-view.js'
import type { PolicyUsage } from './usage.js'

/**
 * `Policy` output. `mode`: `create` (CreatePolicy: tags, no description), `get` (GetPolicy:
 * description and tags), `list` (ListPolicies: neither).
 */
export function policyOut(view: PolicyView, usage: PolicyUsage, mode: 'create' | 'get' | 'list') {
  return {
    PolicyName: view.name,
    PolicyId: view.id,
    Arn: view.arn,
    Path: view.path,
    DefaultVersionId: view.defaultVersionId,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    Description: mode === 'get' ? view.description : undefined,
    CreateDate: date(view.createDate),
    UpdateDate: date(view.updateDate),
    // GetPolicy always has Tags (`[]` when untagged), CreatePolicy only when given, ListPolicies
    // never (recorded: LocalStack test_iam_policies b15ee85 get-policy-response, moto
    // test_iam_response_attributes; GetRole/GetUser omit an empty list instead).
    Tags: mode === 'list' ? undefined : mode === 'get' ? view.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : tagsOut(view.tags),
  }
}

/** `PolicyVersion`; the document (URL-encoded) only where AWS returns it. */
export function versionOut(version: PolicyVersion, defaultVersionId: string, withDocument: boolean) {
  return {
    Document: withDocument ? encodePolicyDocument(version.document) : undefined,
    VersionId: version.versionId,
    IsDefaultVersion: version.versionId === defaultVersionId,
    CreateDate: date(version.createDate),
  }
}
