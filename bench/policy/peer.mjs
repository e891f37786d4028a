// Issue 19, item 4: the real peer as a baseline, @cloud-copilot/iam-simulate. It is AGPL, so it
// is never a dependency of iamflow: the bench installs a pinned version on demand into a cache
// directory outside the repository (IAMFLOW_BENCH_CACHE, default ~/.cache/iamflow-bench) and
// imports it from there. When it is not installed and cannot be (no registry, --smoke), the
// baseline is skipped with the reason. Same fixture as the engine's figure, alternating rounds.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { boundaryDoc, identityDoc, request, sameServiceStatements } from './fixtures.mjs'

export const PEER = '@cloud-copilot/iam-simulate'
export const PEER_VERSION = '0.1.173'

/** The cache directory's entry point of the peer, installing it first if allowed; `{ skip }` otherwise. */
export function ensurePeer({ install = true } = {}) {
  const dir = resolve(process.env.IAMFLOW_BENCH_CACHE ?? join(homedir(), '.cache', 'iamflow-bench'), `iam-simulate-${PEER_VERSION}`)
  const entry = join(dir, 'node_modules', ...PEER.split('/'), 'dist', 'esm', 'index.js')
  if (existsSync(entry)) return { entry, dir, installed: false }
  if (!install) return { skip: `${PEER} is not in ${dir} (smoke runs do not install it; a full or --quick run does)` }
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "description": "iamflow bench cache: the AGPL peer baseline, never a dependency" }\n')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--fetch-retries=1', '--fetch-timeout=20000', `${PEER}@${PEER_VERSION}`], { cwd: dir, encoding: 'utf8', timeout: 90_000 })
  if (r.status !== 0 || !existsSync(entry)) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-2).join(' ')
    return { skip: `${PEER}@${PEER_VERSION} could not be installed into ${dir} (registry unreachable?): ${why.slice(0, 200)}` }
  }
  return { entry, dir, installed: true }
}

const CONTEXT = {
  'aws:SourceIp': '203.0.113.25',
  'aws:SecureTransport': 'true',
  'aws:CurrentTime': '2026-05-01T12:00:00Z',
  'aws:MultiFactorAuthPresent': 'true',
  'aws:RequestedRegion': 'us-east-1',
  'aws:username': 'jill',
  'aws:userid': 'AIDAJQABLZS4A3QDU576Q',
  'aws:PrincipalTag/team': 'blue',
  'aws:PrincipalTag/costcenter': '1234',
}

function simulation(identity) {
  return {
    request: { principal: request.principal.arn, action: request.action, resource: { resource: request.resource, accountId: request.principal.accountId }, contextVariables: CONTEXT },
    identityPolicies: [{ name: 'Identity', policy: identity }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: [{ name: 'Boundary', policy: boundaryDoc }],
  }
}

function round(fn, iterations) {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn()
  return Number(process.hrtime.bigint() - t0) / 1000 / iterations
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * µs per evaluation of the peer (`runUnsafeSimulation`: no input validation, synchronous) and of
 * iamflow's engine on the same fixture, alternating rounds; also the 2,000 same-service case.
 */
export async function measurePeer({ root = resolve(import.meta.dirname, '../..'), smoke = false, rounds = 7 } = {}) {
  const peer = ensurePeer({ install: !smoke })
  if (peer.skip) return { skip: peer.skip }
  const { runUnsafeSimulation } = await import(pathToFileURL(peer.entry).href)
  const { compilePolicy, evaluate } = await import(pathToFileURL(resolve(root, 'dist/policy/index.js')).href)
  const compiled = (doc, kind, id) => {
    const r = compilePolicy(doc, kind)
    if (!r.ok) throw new Error(`${id}: ${r.error.message}`)
    return { id, name: id, origin: 'user-managed', policy: r.policy }
  }
  const same = { Version: '2012-10-17', Statement: [...identityDoc.Statement, ...sameServiceStatements(2000)] }
  const cases = {
    fixture: { sim: simulation(identityDoc), input: { request, identityPolicies: [compiled(identityDoc, 'identity', 'Identity')], boundary: compiled(boundaryDoc, 'boundary', 'Boundary') } },
    sameService2000: { sim: simulation(same), input: { request, identityPolicies: [compiled(same, 'identity', 'Same')], boundary: compiled(boundaryDoc, 'boundary', 'Boundary') } },
  }
  const out = { peer: `${PEER}@${PEER_VERSION}`, installedNow: peer.installed }
  for (const [name, c] of Object.entries(cases)) {
    const pd = runUnsafeSimulation(c.sim, {})
    const ed = evaluate(c.input).decision
    if (pd !== 'Allowed' || ed !== 'Allowed') throw new Error(`${name}: the peer says ${pd}, iamflow ${ed}; both should allow`)
    const r = smoke ? 1 : rounds
    const nPeer = smoke ? 2 : name === 'fixture' ? 300 : 20
    const nOurs = smoke ? 50 : 20_000
    round(() => runUnsafeSimulation(c.sim, {}), nPeer)
    round(() => evaluate(c.input), nOurs)
    const a = []
    const b = []
    for (let i = 0; i < r; i++) {
      a.push(round(() => evaluate(c.input), nOurs))
      b.push(round(() => runUnsafeSimulation(c.sim, {}), nPeer))
    }
    out[name] = { iamflowUs: Number(med(a).toFixed(3)), peerUs: Number(med(b).toFixed(1)), peerVsIamflow: Number(med(b.map((x, i) => x / a[i])).toFixed(0)) }
  }
  return out
}
