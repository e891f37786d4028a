import type { CreatePolicyVersionCommandInput, CreatePolicyVersionCommandOutput } from '@aws-sdk/client-iam'
import { defineAction } from '../define-action.js'
import { modelInput } from '../model-input.js'
import type { ActionContext } from '../define-action.js'
import { policyDocumentSchema, toPolicyText } from '../policy-document.js'
import type { WithDocuments } from '../policy-document.js'
import { describe, outputSchema, str } from '../schema.js'
import { required, undoCall } from '../outcome.js'
import { decodePolicyVersion } from './decode.js'
import type { PolicyVersionView } from './decode.js'
import * as s from './shapes.js'

type Input = WithDocuments<CreatePolicyVersionCommandInput, 'PolicyDocument'>
type Output = Omit<CreatePolicyVersionCommandOutput, 'PolicyVersion'> & {
  PolicyVersion?: PolicyVersionView
  /** iamflow's addition: the version that was default before this call made the new one default. */
  PreviousDefaultVersionId?: string
}

/** The policy's current default version, or undefined when it cannot be read (the create then reports the real error). */
async function currentDefault(ctx: ActionContext, policyArn: string | undefined): Promise<string | undefined> {
  try {
    const out = await ctx.clients.call('iam', 'GetPolicy', { PolicyArn: policyArn }, ctx.signal)
    return out.Policy?.DefaultVersionId
  } catch {
    return undefined
  }
}

/**
 * `iam.createPolicyVersion`: a new version of a managed policy (optionally the default).
 * Undone by `iam.deletePolicyVersion`; when the new version became the default (SetAsDefault), AWS refuses to
 * delete it, so the undo first makes the previous default the default again. To know that
 * version, `run` reads the policy (GetPolicy, best effort) before a `SetAsDefault` call and adds
 * `PreviousDefaultVersionId` to the output. Without it the undo is the bare delete, which fails
 * loudly in teardown rather than leaving the policy silently.
 */
export const createPolicyVersion = defineAction<Input, Output>({
  name: 'iam.createPolicyVersion',
  service: 'iam',
  command: 'CreatePolicyVersionCommand',
  description: 'Create a new version of a managed policy (at most 5 versions are kept).',
  input: modelInput('iam', 'CreatePolicyVersion', {
    describe: {
      SetAsDefault: 'Make the new version the default (effective) version.',
    },
    override: {
      PolicyDocument: policyDocumentSchema('The permissions policy of the new version.'),
    },
  }),
  output: outputSchema({
    PolicyVersion: s.policyVersion,
    PreviousDefaultVersionId: describe(str, 'iamflow: the default version before this call (SetAsDefault only), used by the undo'),
  }),
  creates: true,
  changes: ['permissions'],
  run: async (ctx, input) => {
    const previous = input.SetAsDefault ? await currentDefault(ctx, input.PolicyArn) : undefined
    const output = await ctx.clients.call('iam', 'CreatePolicyVersion', { ...input, PolicyDocument: toPolicyText(input.PolicyDocument) }, ctx.signal)
    const result: Output = { ...output, PolicyVersion: decodePolicyVersion(output.PolicyVersion) }
    if (previous !== undefined) result.PreviousDefaultVersionId = previous
    return result
  },
  // The policy's non-default versions created since the intent.
  recover: async (input, { calls, since }) => {
    if (typeof input.PolicyArn !== 'string') return undefined
    const versions = await calls.listAll('iam.listPolicyVersions', { PolicyArn: input.PolicyArn }, 'Versions')
    return versions
      .filter((v) => v.VersionId && !v.IsDefaultVersion && (!v.CreateDate || new Date(v.CreateDate).getTime() >= since))
      .map((v) => ({ action: 'iam.deletePolicyVersion', input: { PolicyArn: input.PolicyArn, VersionId: v.VersionId } }))
  },
  dependents: {
    undo: 'iam.deletePolicyVersion',
    // The default version cannot be deleted on its own; deleting the policy (later) removes it.
    remove: async (input, { later }) =>
      later.some((u) => u.action === 'iam.deletePolicy' && u.input.PolicyArn === input.PolicyArn) ? 'superseded' : 'none',
  },
  // CreatePolicyVersion takes no tags (the policy carries them).
  taggable: false,
  undoActions: ['iam.setDefaultPolicyVersion', 'iam.deletePolicyVersion'],
  undo: (input, output) => {
    const versionId = required(output.PolicyVersion?.VersionId, 'iam.createPolicyVersion', 'PolicyVersion.VersionId')
    const remove = undoCall('iam.deletePolicyVersion', { PolicyArn: input.PolicyArn, VersionId: versionId })
    const previous = output.PreviousDefaultVersionId
    if (input.SetAsDefault === true && previous !== undefined && previous !== versionId) {
      return [undoCall('iam.setDefaultPolicyVersion', { PolicyArn: input.PolicyArn, VersionId: previous }), remove]
    }
    return remove
  },
})
