#!/usr/bin/env node
// Writes models/aws/<service>.json: botocore's JSON service models of IAM, STS and S3 without
// their documentation (Apache-2.0 data; see models/aws/README.md). These kept models are the ONE
// source of AWS's shapes: scripts/gen-aws-shapes.mjs generates iamflow's data from them.
//   node scripts/vendor-aws-models.mjs [BOTOCORE_DATA_DIR]   refresh from an installed botocore
//   node scripts/vendor-aws-models.mjs --check [DIR]         exit 1 if the kept models differ
// Without a directory, botocore is located through `python3 -c 'import botocore'`.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The kept services: name, API version. */
export const SERVICES = [
  ['iam', '2010-05-08'],
  ['sts', '2011-06-15'],
  ['s3', '2006-03-01'],
]

/** Keys dropped from every object of a model: prose, not shape. */
const PROSE = new Set(['documentation', 'documentationUrl', 'examples', 'deprecatedMessage'])

/** botocore's data directory, or undefined when no botocore is installed. */
export function botocoreDataDir(given) {
  if (given) return given
  try {
    const dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    return join(dir, 'data')
  } catch {
    return undefined
  }
}

/** botocore's version, from the data directory's package. */
function botocoreVersion(dataDir) {
  const init = join(dataDir, '..', '__init__.py')
  const m = existsSync(init) ? /__version__ = '([^']+)'/.exec(readFileSync(init, 'utf8')) : null
  return m ? m[1] : 'unknown'
}

function strip(value) {
  if (Array.isArray(value)) return value.map(strip)
  if (value === null || typeof value !== 'object') return value
  const out = {}
  for (const [k, v] of Object.entries(value)) if (!PROSE.has(k)) out[k] = strip(v)
  return out
}

/** One operation or shape a line: small, diffable, and still plain JSON. */
function render(model, source) {
  const section = (obj) =>
    '{\n' +
    Object.keys(obj)
      .sort()
      .map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(obj[k])}`)
      .join(',\n') +
    '\n }'
  return `{\n "source": ${JSON.stringify(source)},\n "metadata": ${JSON.stringify(model.metadata)},\n "operations": ${section(model.operations)},\n "shapes": ${section(model.shapes)}\n}\n`
}

/** The kept model of one service, as text. */
export function keptModel(dataDir, service, version) {
  const base = join(dataDir, service, version, 'service-2.json')
  const raw = existsSync(`${base}.gz`) ? gunzipSync(readFileSync(`${base}.gz`)).toString('utf8') : readFileSync(base, 'utf8')
  const source = `botocore ${botocoreVersion(dataDir)} data/${service}/${version}/service-2.json (Apache-2.0), documentation removed`
  return render(strip(JSON.parse(raw)), source)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const check = args.includes('--check')
  const dataDir = botocoreDataDir(args.find((a) => !a.startsWith('--')))
  if (!dataDir) {
    console.error('no botocore found: pass its data directory, e.g. .../site-packages/botocore/data')
    process.exit(2)
  }
  let differ = 0
  for (const [service, version] of SERVICES) {
    const path = join(root, 'models', 'aws', `${service}.json`)
    const text = keptModel(dataDir, service, version)
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        console.error(`models/aws/${service}.json differs from ${dataDir}`)
        differ++
      }
    } else {
      writeFileSync(path, text)
      console.log(`wrote models/aws/${service}.json (${text.length} bytes)`)
    }
  }
  process.exit(differ ? 1 : 0)
}
