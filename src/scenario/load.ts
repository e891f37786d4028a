import { isPlainObject } from './template.js'
import { buildScenario } from './build.js'
import { Diagnostics } from './diagnostics.js'
import { scenarioValidator, type ScenarioValidator } from './schema-check.js'
import { checkSemantics } from './semantic.js'
import { decodeScenarioBytes, readScenarioSource } from './source.js'
import type { Scenario } from './types.js'
import { parseScenarioYaml, type ParsedYaml } from './yaml-document.js'
import { actionsNamedIn, precompiledValidator } from './precompiled.js'
import { includePolicyFiles, type PolicyFileRead } from './policy-files.js'
import { LoadCache } from './load-cache.js'

/**
 * Loads and checks a scenario file: reads it (UTF-8 text up to 1 MiB), parses the YAML with
 * source positions, validates it against the scenario schema and runs the semantic checks.
 * Throws an `InputError` (exit 2) for an unreadable file, or a `ScenarioInvalidError` listing
 * every problem of the file, each with file:line:column, a code frame and a hint.
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  const text = await readScenarioSource(path)
  // A file loaded before with the same text and the same policy files is the same (frozen)
  // Scenario: watch mode, `--parallel` copies and the bench load it again and again.
  const cached = loaded.get(path, text)
  if (cached) return cached
  const reads: PolicyFileRead[] = []
  const parsed = parseScenarioSource(text, path)
  // The validators of the actions it names are loaded now (code generated ahead of time).
  const validator = await precompiledValidator(actionsNamedIn(parsed.data))
  const scenario = checkScenario(parsed, path, { reads, validator })
  loaded.set(path, text, reads, scenario)
  return scenario
}

/** Scenarios loaded from files in this process (bounded: see load-cache.ts). */
const loaded = new LoadCache()

/**
 * Same as `loadScenarioFile` for text already in memory; `file` names it in messages. Without
 * `opts.validator` it validates with ajv compiling the schema (the same problems, more start-up).
 */
export function loadScenarioText(text: string, file: string, opts: { validator?: ScenarioValidator; reads?: PolicyFileRead[] } = {}): Scenario {
  return checkScenario(parseScenarioSource(text, file), file, opts)
}

function parseScenarioSource(text: string, file: string): ParsedYaml {
  // Same limits as a file on disk (size, NUL bytes).
  decodeScenarioBytes(Buffer.from(text, 'utf8'), file)
  return parseScenarioYaml(text, file)
}

/** Checks a parsed document (schema, then semantics) and builds the Scenario, or throws every problem. */
function checkScenario(parsed: ParsedYaml, file: string, opts: { validator?: ScenarioValidator; reads?: PolicyFileRead[] }): Scenario {
  const data = parsed.data as Record<string, unknown>
  let locator = parsed.locator
  const diag = new Diagnostics(file, (loc) => locator.frame(loc))
  // `{ file: policies/x.json }` documents are read in before any check sees the data.
  locator = includePolicyFiles(data, file, locator, diag, opts.reads)
  const validator = opts.validator ?? scenarioValidator()

  for (const problem of validator.validate(data)) {
    // An unknown action name is reported by the semantic check, with a suggestion (a value that
    // is not text gets the schema's type error).
    if (problem.keyword === 'enum' && isActionPath(problem.path)) continue
    diag.add(problem.code, problem.message, locator.locate(problem.path, { key: problem.key }), problem.hint)
  }
  checkSemantics(data, { locator, diag, validator })
  diag.throwIfAny()
  return buildScenario(data, file, locator)
}

function isActionPath(path: ReadonlyArray<string | number>): boolean {
  return path.length === 3 && path[0] === 'steps' && path[2] === 'action'
}
