import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError, type SourceLocation } from '../errors.js'
import type { Diagnostics } from './diagnostics.js'
import type { DocPath, Locator } from './locator.js'
import { decodeScenarioBytes } from './source.js'
import { isPlainObject } from './template.js'
import { parseScenarioYaml } from './yaml-document.js'

/**
 * Policy documents kept in their own files, so a lab tests the very policy a team deploys:
 *
 *     PolicyDocument: { file: policies/s3-read.json }
 *
 * Allowed: a step input member named `PolicyDocument`, `AssumeRolePolicyDocument` or `Policy`
 * whose value is a map with the single key `file`; a relative path ending `.json`, `.yaml` or
 * `.yml`, resolved from the scenario's directory, that stays inside that directory once
 * symbolic links are resolved (no absolute paths, no `..` out of it); a regular file of at most
 * 256 KiB of UTF-8; at most 100 such references a scenario. The document (JSON or YAML, parsed
 * with the scenario's YAML rules and limits) replaces the reference before the scenario is
 * checked, so it is validated like an inline document and its `${{ templates }}` are applied;
 * problems inside it are reported at the policy file's line:column.
 */

/** Members that hold a policy document. */
export const POLICY_DOCUMENT_MEMBERS: ReadonlySet<string> = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Policy'])
/** Largest policy file read (IAM's own documents are at most 128 KiB of JSON). */
export const MAX_POLICY_FILE_BYTES = 256 * 1024
/** Most `{ file: ... }` references a scenario may hold. */
export const MAX_POLICY_FILES = 100

const EXTENSIONS = new Set(['.json', '.yaml', '.yml'])

/** A policy file as the loader read it: its path, the real path it led to, and its bytes. */
export interface PolicyFileRead {
  file: string
  real: string
  bytes: Buffer
}

/**
 * Whether `read` still holds: the path leads to the same real file, with the same bytes. Any
 * doubt (a file gone, grown past the limit, unreadable) is "no": the caller loads afresh and
 * reports it as a first load would.
 */
export function policyFileUnchanged(read: PolicyFileRead): boolean {
  try {
    return realpathSync(read.file) === read.real && readBounded(read.real, MAX_POLICY_FILE_BYTES).equals(read.bytes)
  } catch {
    return false
  }
}

/** A loaded reference: where it sits in the scenario and the policy file's own locator. */
interface Included {
  path: DocPath
  file: string
  locator: Locator
}

/**
 * Replaces every policy file reference in `data` (fresh, unfrozen loaded data) by the document
 * it names. Problems go to `diag`. Returns a locator that resolves paths inside an included
 * document to the policy file.
 */
export function includePolicyFiles(data: unknown, scenarioFile: string, locator: Locator, diag: Diagnostics, reads?: PolicyFileRead[]): Locator {
  const included: Included[] = []
  if (!isPlainObject(data) || !Array.isArray(data.steps)) return locator
  let count = 0
  for (const [index, step] of data.steps.entries()) {
    if (!isPlainObject(step) || !isPlainObject(step.input)) continue
    for (const member of Object.keys(step.input)) {
      const value = step.input[member]
      if (!POLICY_DOCUMENT_MEMBERS.has(member) || !isReference(value)) continue
      const path = ['steps', index, 'input', member]
      if (++count > MAX_POLICY_FILES) {
        diag.add('policy-file-path', `more than ${MAX_POLICY_FILES} policy files in one scenario`, locator.locate(path), 'split the scenario, or write some documents inline')
        return composite(locator, included)
      }
      const loaded = loadPolicyFile(value.file, scenarioFile, locator.locate([...path, 'file']), diag, reads)
      if (!loaded) continue
      step.input[member] = loaded.doc
      included.push({ path, file: loaded.file, locator: loaded.locator })
    }
  }
  return composite(locator, included)
}

function isReference(value: unknown): value is { file: string } {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.file === 'string'
}

function loadPolicyFile(ref: string, scenarioFile: string, at: SourceLocation, diag: Diagnostics, reads?: PolicyFileRead[]): { doc: unknown; file: string; locator: Locator } | undefined {
  const fail = (message: string, hint: string, code: 'policy-file-path' | 'file-not-found' | 'not-a-file' | 'file-too-large' | 'file-unreadable' = 'policy-file-path') => {
    diag.add(code, message, at, hint)
    return undefined
  }
  if (ref === '' || isAbsolute(ref) || ref.includes('\0')) {
    return fail(`policy file ${JSON.stringify(ref)} must be a relative path`, "give the path from the scenario's directory, e.g. policies/s3-read.json")
  }
  if (!EXTENSIONS.has(extname(ref).toLowerCase())) return fail(`policy file ${ref} must end in .json, .yaml or .yml`, 'rename the file, or write the document inline')
  const base = dirname(resolve(scenarioFile))
  const file = resolve(base, ref)
  if (!inside(base, file)) return fail(`policy file ${ref} is outside the scenario's directory`, `keep policy files in ${base} or below it`)
  let real: string
  try {
    real = realpathSync(file)
  } catch {
    return fail(`policy file ${ref} does not exist (looked for ${file})`, 'check the path: it is relative to the scenario file', 'file-not-found')
  }
  let realBase = base
  try {
    realBase = realpathSync(base)
  } catch {
    // The scenario's directory is readable, or the scenario could not have been read.
  }
  if (!inside(realBase, real)) return fail(`policy file ${ref} leads outside the scenario's directory through a symbolic link`, `keep policy files in ${base} or below it`)
  let bytes: Buffer
  try {
    bytes = readBounded(real, MAX_POLICY_FILE_BYTES)
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { tooLarge?: number }
    if (e.tooLarge !== undefined) return fail(`policy file ${ref} is ${e.tooLarge} bytes; at most ${MAX_POLICY_FILE_BYTES} are read`, 'IAM policies are at most 128 KiB of JSON: split it', 'file-too-large')
    if (e.code === 'EISDIR' || e.message === 'not a file') return fail(`policy file ${ref} is not a regular file`, 'name a .json or .yaml file', 'not-a-file')
    return fail(`policy file ${ref} cannot be read: ${e.message}`, 'check its permissions', 'file-unreadable')
  }
  reads?.push({ file, real, bytes: Buffer.from(bytes) })
  try {
    const text = decodeScenarioBytes(bytes, file)
    const parsed = parseScenarioYaml(text, file)
    return { doc: parsed.data, file, locator: parsed.locator }
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    const inner = (err as { errors?: readonly InputError[] }).errors ?? [err]
    for (const e of inner) {
      if (e.code === 'empty-scenario' || e.code === 'not-a-mapping') {
        diag.push(new InputError('policy-file-invalid', `${ref} must hold one policy document: a mapping with Version and Statement`, { ...(e.location ? { location: e.location } : {}), hint: 'write {"Version": "2012-10-17", "Statement": [...]}' }))
      } else diag.push(e)
    }
    return undefined
  }
}

function inside(base: string, file: string): boolean {
  const rel = relative(base, file)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

/** At most `max` + 1 bytes of a regular file (more throws, saying how many). */
function readBounded(file: string, max: number): Buffer {
  const fd = openSync(file, 'r')
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new Error('not a file')
    if (info.size > max) throw Object.assign(new Error('too large'), { tooLarge: info.size })
    const buf = Buffer.alloc(max + 1)
    let n = 0
    for (let r = 1; r > 0 && n < buf.length; n += r) r = readSync(fd, buf, n, buf.length - n, null)
    if (n > max) throw Object.assign(new Error('too large'), { tooLarge: n })
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

/** The scenario's locator, answering paths inside an included document from its policy file. */
function composite(main: Locator, included: readonly Included[]): Locator {
  if (included.length === 0) return main
  const find = (path: DocPath) => included.find((inc) => inc.path.every((seg, i) => path[i] === seg) && path.length >= inc.path.length)
  const byFile = new Map(included.map((inc) => [inc.file, inc.locator]))
  return {
    locate(path, opts) {
      const inc = find(path)
      return inc ? inc.locator.locate(path.slice(inc.path.length), opts) : main.locate(path, opts)
    },
    locateText(path, needle) {
      const inc = find(path)
      return inc ? inc.locator.locateText(path.slice(inc.path.length), needle) : main.locateText(path, needle)
    },
    at: (offset) => main.at(offset),
    frame: (loc) => (byFile.get(loc.file) ?? main).frame(loc),
  }
}

/**
 * The policy files a scenario file names (`{ file: ... }` references), as absolute paths, for
 * `run --watch`. Best effort and never throws: undefined when the scenario cannot be read or
 * parsed now (the run reports why). Paths are resolved as `includePolicyFiles` resolves them,
 * without its checks.
 */
export function policyFileReferences(scenarioFile: string): string[] | undefined {
  let data: unknown
  try {
    data = parseScenarioYaml(decodeScenarioBytes(readBounded(scenarioFile, 1024 * 1024), scenarioFile), scenarioFile).data
  } catch {
    return undefined
  }
  if (!isPlainObject(data) || !Array.isArray(data.steps)) return []
  const base = dirname(resolve(scenarioFile))
  const found = new Set<string>()
  for (const step of data.steps) {
    if (!isPlainObject(step) || !isPlainObject(step.input)) continue
    for (const member of Object.keys(step.input)) {
      const value = step.input[member]
      if (!POLICY_DOCUMENT_MEMBERS.has(member) || !isReference(value) || value.file === '' || isAbsolute(value.file)) continue
      const file = resolve(base, value.file)
      // Only what the loader would read: a policy file below the scenario's directory.
      if (!inside(base, file) || !EXTENSIONS.has(extname(file).toLowerCase())) continue
      if (found.size >= MAX_POLICY_FILES) return [...found]
      found.add(file)
    }
  }
  return [...found]
}
