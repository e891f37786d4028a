import { consoleReporter } from './console.js'
import { htmlReporter } from './html.js'
import { jsonReporter } from './json.js'
import { junitReporter } from './junit.js'
import type { Reporter, ReporterName, ReporterOutput } from './types.js'

export { fanOut, deliver } from './dispatch.js'
export { REPORTER_NAMES, type Reporter, type ReporterName, type ReporterOutput } from './types.js'

/** Build a reporter by its `--reporter` name. */
export function createReporter(name: ReporterName, out: ReporterOutput, opts: { verbose?: boolean } = {}): Reporter {
  switch (name) {
    case 'console':
      return consoleReporter(out, { verbose: opts.verbose })
    case 'json':
      return jsonReporter(out)
    case 'junit':
      return junitReporter(out)
    case 'html':
      return htmlReporter(out)
    default: {
      const unreachable: never = name
      throw new Error(`internal error: unknown reporter ${String(unreachable)}`)
    }
  }
}
