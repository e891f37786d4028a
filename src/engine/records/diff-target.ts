import { InputError } from '../../errors.js'
import type { TargetOptions } from '../targets/targets.js'

/** One side of `iamflow diff`: how it is named in the output, and how `run` would open it. */
export interface DiffTarget {
  label: string
  options: TargetOptions
}

/** Flags shared by both sides (the AWS ones apply to an `aws` side only). */
export interface DiffTargetFlags {
  region?: string
  account?: string
  /** `--account-profile NAME=PROFILE` / `--account-id NAME=ID` for the scenarios' named accounts on the aws side. */
  accountFlags?: { profiles: string[]; ids: string[] }
  /** `AWS_ENDPOINT_URL` as set in the environment (an embedded side refuses to be silently redirected). */
  envEndpoint?: string
}

/**
 * Parse `--target SPEC`: `embedded`, an endpoint URL (`http://127.0.0.1:4566`), `aws`, or
 * `aws:PROFILE` (real AWS with that named profile). Anything else: `bad-target` (exit 2).
 */
export function parseDiffTarget(spec: string, flags: DiffTargetFlags = {}): DiffTarget {
  return parseOne(spec, flags)
}

/**
 * Both sides of `iamflow diff`. The AWS-only flags (`--account`, `--account-profile`,
 * `--account-id`) apply to the aws side; with no aws side they are refused
 * (`account-not-applicable`), as `run` refuses them off AWS, rather than silently ignored.
 */
export function parseDiffTargets(specs: readonly string[], flags: DiffTargetFlags = {}): DiffTarget[] {
  const sides = specs.map((s) => parseOne(s, flags))
  if (!sides.some((s) => s.options.target === 'aws')) {
    const given = [
      ...(flags.account !== undefined ? [`--account ${flags.account}`] : []),
      ...(flags.accountFlags?.profiles ?? []).map((p) => `--account-profile ${p}`),
      ...(flags.accountFlags?.ids ?? []).map((p) => `--account-id ${p}`),
    ]
    if (given.length > 0) {
      throw new InputError('account-not-applicable', `${given.join(' ')} applies to an aws target only, and neither --target is aws`, { hint: 'drop the flag, or make one side --target aws or aws:PROFILE' })
    }
  }
  return sides
}

function parseOne(spec: string, flags: DiffTargetFlags): DiffTarget {
  const region = flags.region !== undefined ? { region: flags.region } : {}
  if (spec === 'embedded') {
    if (flags.envEndpoint) {
      throw new InputError('bad-target', `--target embedded: AWS_ENDPOINT_URL is set (${flags.envEndpoint}), which would send the embedded side there`, { hint: 'unset AWS_ENDPOINT_URL, or name that endpoint as a target URL' })
    }
    return { label: 'embedded', options: { target: 'embedded', ...region } }
  }
  if (spec === 'aws' || spec.startsWith('aws:')) {
    const profile = spec.slice(4)
    if (spec.startsWith('aws:') && !/^[A-Za-z0-9_.+@-]{1,64}$/.test(profile)) throw new InputError('bad-target', `--target ${spec}: "${profile}" is not a profile name`, { hint: 'e.g. --target aws:lab' })
    return { label: spec, options: { target: 'aws', ...region, ...(profile ? { profile } : {}), ...(flags.account !== undefined ? { account: flags.account } : {}), ...(flags.accountFlags ? { accountFlags: flags.accountFlags } : {}) } }
  }
  let url: URL | undefined
  try {
    url = new URL(spec)
  } catch {
    url = undefined
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '') {
    return { label: url.origin + (url.pathname === '/' ? '' : url.pathname), options: { endpointUrl: spec, ...region } }
  }
  throw new InputError('bad-target', `--target ${spec}: not embedded, aws, aws:PROFILE or an http(s) endpoint URL`, { hint: 'e.g. --target embedded --target http://127.0.0.1:4566' })
}
