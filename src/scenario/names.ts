/**
 * The names a scenario defines and the built-in ones it may use in `${{ }}` templates.
 * The runner's lookup must answer exactly these.
 */

/** A var, capture or identity name (no dots: dots separate built-in namespaces). */
export const NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]*$'
export const NAME_RE = new RegExp(NAME_PATTERN)

/** A step id. */
export const STEP_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$'

/** Built-in names: the run's id (unique per run, safe in resource names) and the account id. */
export const BUILTIN_NAMES = ['run.id', 'account.id'] as const

/** `env.NAME`: an environment variable of the iamflow process. */
export const ENV_PREFIX = 'env.'

/**
 * Fields of an identity usable as `${{ <identity>.<field> }}`: its principal ARN (user ARN for an
 * access key, assumed-role ARN for a session) and its access key id. Secrets are never exposed.
 */
export const IDENTITY_FIELDS = ['arn', 'accessKeyId'] as const

/** Names a scenario cannot use for its own vars, captures or identities. */
export const RESERVED_NAMES = ['run', 'account', 'accounts', 'env', 'operator'] as const

/** `accounts.NAME.id`: the id of a declared account (whether NAME is declared is the scope's to say). */
const ACCOUNT_ID_RE = /^accounts\.([a-z][a-z0-9-]{0,31})\.id$/

/** `accounts.dev.id` -> `dev`; undefined for other names. */
export function accountIdName(name: string): string | undefined {
  return ACCOUNT_ID_RE.exec(name)?.[1]
}

/** True for `run.id`, `account.id`, `accounts.NAME.id` and any `env.NAME`. */
export function isBuiltinName(name: string): boolean {
  return (BUILTIN_NAMES as readonly string[]).includes(name) || (name.startsWith(ENV_PREFIX) && name.length > ENV_PREFIX.length) || accountIdName(name) !== undefined
}

/** `reader.arn` -> `{ identity: 'reader', field: 'arn' }`; undefined for other names. */
export function identityField(name: string): { identity: string; field: (typeof IDENTITY_FIELDS)[number] } | undefined {
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return undefined
  const field = name.slice(dot + 1)
  if (!(IDENTITY_FIELDS as readonly string[]).includes(field)) return undefined
  return { identity: name.slice(0, dot), field: field as (typeof IDENTITY_FIELDS)[number] }
}
