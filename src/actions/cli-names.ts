import type { ActionDefinition } from './define-action.js'

/**
 * The AWS CLI's names for an action, derived from the same model names as its input schema:
 * the operation (the SDK command without `Command`) and each input member become kebab-case by
 * botocore's `xform_name` rule (the CLI's own), e.g. `CreateRole` -> `create-role`,
 * `AssumeRolePolicyDocument` -> `--assume-role-policy-document`, `ListObjectsV2` ->
 * `list-objects-v2`. S3's API operations live under `aws s3api`.
 */

/** botocore `xform_name(name, '-')`. */
export function cliName(name: string): string {
  if (name.includes('-')) return name
  let n = name
  // "ARNs", "ACLs": a trailing run of capitals plus s becomes one lower-cased word.
  const special = /[A-Z]{2,}s$/.exec(n)
  if (special) n = `${n.slice(0, -special[0].length)}-${special[0].toLowerCase()}`
  n = n.replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
  return n.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}

/** `aws iam create-role` as words: the CLI service command and the operation. */
export function cliCommandOf(action: Pick<ActionDefinition, 'name' | 'service' | 'command'>): [string, string] {
  const operation = action.command ? action.command.replace(/Command$/, '') : action.name.slice(action.name.indexOf('.') + 1).replace(/^./, (c) => c.toUpperCase())
  return [action.service === 's3' ? 's3api' : action.service, cliName(operation)]
}

/** `--role-name` for the input member `RoleName`. */
export function cliOption(member: string): string {
  return `--${cliName(member)}`
}
