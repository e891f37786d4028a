// Facts about the machine and the tools a run used, recorded next to the figures.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

function packageVersion(root, name) {
  try {
    return JSON.parse(readFileSync(`${root}/node_modules/${name}/package.json`, 'utf8')).version
  } catch {
    return undefined
  }
}

/** Python, boto3, botocore and moto versions (each undefined when absent). */
export function pythonFacts() {
  const out = tryRun('python3', [
    '-c',
    'import json,sys\nv={"python":sys.version.split()[0]}\nfor m in ("boto3","botocore","moto"):\n  try:\n    v[m]=__import__(m).__version__\n  except Exception:\n    v[m]=None\nprint(json.dumps(v))',
  ])
  if (!out) return { python: undefined, boto3: undefined, botocore: undefined, moto: undefined }
  return JSON.parse(out)
}

/** CPU count and model, memory, load, OS, node and package versions, git commit. */
export function machineFacts(root) {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryMB: Math.round(os.totalmem() / 2 ** 20),
    freeMemoryMB: Math.round(os.freemem() / 2 ** 20),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...pythonFacts(),
    awsSdkClientSts: packageVersion(root, '@aws-sdk/client-sts'),
    typescript: packageVersion(root, 'typescript'),
    gitCommit: tryRun('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
    gitDirty: (tryRun('git', ['-C', root, 'status', '--porcelain', '--', 'src']) ?? '') !== '',
  }
}
