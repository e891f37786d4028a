import { realpathSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { InputError } from '../errors.js'

/** A file the run reads (or keeps) that no report may overwrite. */
export interface RunInput {
  path: string
  /** What it is, for the message: "the scenario file", "the emulator state (--state)". */
  what: string
}

/** What a path designates on disk: its real path and, when it exists, its inode. */
interface Place {
  real: string
  /** `dev:ino` of an existing file (catches hard links). */
  inode?: string
  /** An existing file that is not a regular file (a device, a pipe): opening it truncates nothing. */
  special: boolean
}

/**
 * Opening a report truncates its file, before anything is loaded. So `--output` must not name a
 * file of the run: a scenario file, the `--state` file, the AWS config or credentials file, or
 * anything inside a run directory (`<runs-dir>/<run-id>/`: the ledgers `cleanup` needs); and two reporters must not
 * share a file. Paths are compared as the filesystem sees them: relative forms, `..`, symbolic
 * links (real paths) and hard links (device and inode). Devices and pipes (`/dev/stdout`,
 * `/dev/null`) are exempt: nothing is lost by opening them. Throws an `InputError` (exit 2).
 */
export function checkOutputPaths(outputs: ReadonlyArray<{ reporter: string; file: string }>, inputs: readonly RunInput[], runsDir: string): void {
  if (outputs.length === 0) return
  const inputPlaces = inputs.map((i) => ({ ...i, place: placeOf(i.path) }))
  const runsReal = placeOf(runsDir).real
  const taken: Array<{ reporter: string; file: string; place: Place }> = []
  for (const out of outputs) {
    const place = placeOf(out.file)
    if (place.special) continue
    const input = inputPlaces.find((i) => samePlace(i.place, place))
    if (input) {
      const same = resolve(input.path) === resolve(out.file) ? '' : ` (${input.path})`
      throw new InputError('output-conflict', `--output ${out.file} is ${input.what}${same}: writing the ${out.reporter} report there would destroy it`, {
        hint: 'write each report to a file of its own, e.g. --output report.xml',
      })
    }
    const inRuns = relative(runsReal, place.real)
    if (inRuns.includes(sep) && !inRuns.startsWith('..') && !isAbsolute(inRuns)) {
      throw new InputError('output-conflict', `--output ${out.file} is inside a run directory of ${runsDir}, where the ledgers that cleanup needs live`, {
        hint: 'write reports outside the runs directory, e.g. --output report.xml',
      })
    }
    const twin = taken.find((t) => samePlace(t.place, place))
    if (twin) {
      throw new InputError('output-conflict', `--output ${out.file} is also the output of the ${twin.reporter} reporter (${twin.file}): one report would overwrite the other`, {
        hint: 'give each reporter its own --output file',
      })
    }
    taken.push({ ...out, place })
  }
}

/** The files every run reads besides its scenarios: `--state`, and the AWS shared config and credentials files. */
export function runInputs(scenarioFiles: readonly string[], statePath: string | undefined, env: NodeJS.ProcessEnv = process.env): RunInput[] {
  const inputs: RunInput[] = scenarioFiles.map((path) => ({ path, what: 'a scenario file of the run' }))
  if (statePath !== undefined) inputs.push({ path: statePath, what: 'the emulator state file (--state)' })
  const aws = join(homedir(), '.aws')
  inputs.push({ path: env.AWS_SHARED_CREDENTIALS_FILE || join(aws, 'credentials'), what: 'the AWS credentials file' })
  inputs.push({ path: env.AWS_CONFIG_FILE || join(aws, 'config'), what: 'the AWS config file' })
  return inputs
}

function placeOf(path: string): Place {
  try {
    const real = realpathSync(path)
    const st = statSync(real)
    return { real, inode: `${st.dev}:${st.ino}`, special: !st.isFile() && !st.isDirectory() }
  } catch {
    // Not there yet: where it would be created (its directory's real path).
    try {
      return { real: join(realpathSync(dirname(path)), basename(path)), special: false }
    } catch {
      return { real: resolve(path), special: false }
    }
  }
}

function samePlace(a: Place, b: Place): boolean {
  return a.real === b.real || (a.inode !== undefined && a.inode === b.inode)
}
