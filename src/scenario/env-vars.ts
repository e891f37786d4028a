import type { JsonSchema } from '../actions/define-action.js'
import type { SourceLocation } from '../errors.js'
import type { DocPath } from './locator.js'

/**
 * The environment variables a scenario reads. A scenario is a file that may come from anyone
 * (a downloaded lab), and `${{ env.NAME }}` can send a value anywhere (a tag on AWS, an error
 * message, a report), so reading the environment is opt-in and visible:
 *
 * - every `${{ env.NAME }}` needs NAME declared under the top-level `env:` (a list of names, or a
 *   map of name -> { description, default });
 * - a credential variable is refused outright, declared or not (see `isCredentialEnvName`);
 * - `iamflow plan` lists what a scenario reads (names, defaults, set or not; never a value from
 *   the environment), and a run reads only the declared names.
 */

/** One declared variable. */
export interface EnvDecl {
  name: string
  description?: string
  /** Used when the variable is not set; without one, a run refuses to start when it is unset. */
  default?: string
  loc: SourceLocation
}

/** A portable environment variable name: a letter or `_`, then letters, digits and `_`. */
export const ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*$'
const ENV_NAME_RE = new RegExp(ENV_NAME_PATTERN)
const ENV_NAME_MAX = 128

/**
 * Words that mark a variable as a credential. The name is upper-cased and its `_` and `-`
 * removed before the search, so `AWS_SECRET_ACCESS_KEY`, `aws-session-token` and `DbPassword`
 * all match. Together they cover every variable of the AWS credential chain that holds or
 * locates a secret: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
 * AWS_SECURITY_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE), AWS_WEB_IDENTITY_TOKEN_FILE,
 * AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI and AWS_SHARED_CREDENTIALS_FILE; and the
 * usual names of other tools' secrets (GITHUB_TOKEN, DB_PASSWORD, OPENAI_API_KEY, ...).
 * AWS_ACCESS_KEY_ID is not secret by itself, but it names the operator's key and its account
 * and always travels with the secret: a lab has no reason to read it.
 */
export const CREDENTIAL_WORDS = ['SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'CREDENTIAL', 'PRIVATEKEY', 'APIKEY', 'ACCESSKEY'] as const

/** Whether an environment variable's name says it holds (or locates) a credential. */
export function isCredentialEnvName(name: string): boolean {
  const squashed = name.toUpperCase().replace(/[_-]/g, '')
  return CREDENTIAL_WORDS.some((word) => squashed.includes(word))
}

/** Why a credential variable is refused, and what to do instead (one wording everywhere). */
export function credentialRefusal(name: string): { message: string; hint: string } {
  return {
    message: `${name} holds a credential: a scenario may not read it`,
    hint: "iamflow passes the operator's credentials to AWS itself, never through templates; variables whose names contain SECRET, TOKEN, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL, PRIVATE_KEY, API_KEY or ACCESS_KEY (any case, with or without _) are refused",
  }
}

/** A declaration as written: list element or map entry, with its document path. */
export interface EnvEntry {
  name: string
  /** Path of the name (a list element, or the map key: locate it with `{ key: true }`). */
  path: DocPath
  key: boolean
  description?: string
  default?: string
}

/**
 * The entries of a raw `env:` value (a list of names or a map), skipping what is not a name
 * (the schema reports those). Own keys only: the map comes from the scenario.
 */
export function envEntries(raw: unknown): EnvEntry[] {
  if (Array.isArray(raw)) {
    return raw.flatMap((name, i) => (typeof name === 'string' ? [{ name, path: ['env', i], key: false }] : []))
  }
  if (raw === null || typeof raw !== 'object') return []
  return Object.entries(raw as Record<string, unknown>).map(([name, value]) => {
    const entry: EnvEntry = { name, path: ['env', name], key: true }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const spec = value as Record<string, unknown>
      if (typeof spec.description === 'string') entry.description = spec.description
      if (typeof spec.default === 'string') entry.default = spec.default
    }
    return entry
  })
}

const nameRule = { pattern: ENV_NAME_PATTERN, maxLength: ENV_NAME_MAX, patternErrorMessage: 'must be an environment variable name: a letter or _ followed by letters, digits or _' }

/**
 * The schema of the top-level `env:` key: a list of names or a map. Union types rather than
 * `anyOf`, so a mistake in one form is not also reported as "not the other form".
 */
export const envSchema: JsonSchema = {
  type: ['array', 'object'],
  description:
    'Environment variables the scenario reads as ${{ env.NAME }}: a list of names, or a map of name -> { description, default }. A variable without a default must be set when the scenario runs. Credential variables (names containing SECRET, TOKEN, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL, PRIVATE_KEY, API_KEY or ACCESS_KEY, such as AWS_SECRET_ACCESS_KEY) are refused.',
  items: { type: 'string', ...nameRule },
  uniqueItems: true,
  propertyNames: nameRule,
  additionalProperties: {
    type: ['object', 'null'],
    additionalProperties: false,
    description: 'A variable: nothing (required), or { description, default }.',
    properties: {
      description: { type: 'string', description: 'What the variable is for (the plan shows it).' },
      default: { type: 'string', description: 'The value when the variable is not set: literal text (quote numbers).' },
    },
  },
}

/** Whether `name` is a well-formed variable name (the schema's rule, for code that runs without it). */
export function isEnvName(name: string): boolean {
  return name.length <= ENV_NAME_MAX && ENV_NAME_RE.test(name)
}

/**
 * The values a run's `${{ env.NAME }}` templates see: each declared, non-credential variable's
 * value from `env`, or its default. Nothing else of the environment is reachable. The record has
 * no prototype, so a name such as `__proto__` reads nothing inherited.
 */
export function declaredEnvValues(decls: readonly EnvDecl[], env: Readonly<Record<string, string | undefined>>): { values: Record<string, string>; missing: EnvDecl[] } {
  const values = Object.create(null) as Record<string, string>
  const missing: EnvDecl[] = []
  for (const decl of decls) {
    if (isCredentialEnvName(decl.name)) continue
    const value = Object.prototype.hasOwnProperty.call(env, decl.name) ? env[decl.name] : undefined
    if (value !== undefined) values[decl.name] = value
    else if (decl.default !== undefined) values[decl.name] = decl.default
    else missing.push(decl)
  }
  return { values, missing }
}
