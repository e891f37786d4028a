// Serve durability under SIGKILL (issue 12, defect 7): start `iamflow serve --state FILE`,
// run concurrent writers through the real HTTP server with SDK v3 (IAM CreateUser/DeleteUser,
// S3 PutObject/DeleteObject, no SDK retries), SIGKILL serve at a random moment, restart it from
// the same --state, and check that every write answered 200 is there: users by name, deleted
// users gone, objects by key with the exact bytes of their last answered PUT (or of the PUT
// that was in flight at the kill, which may or may not have landed). Repeated over many kills
// on one growing state. Used by `npm run chaos -- serve` and test/reliability-state-kill.test.ts.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { Agent } from 'node:http'
import { CreateUserCommand, DeleteUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'

const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const BUCKET = 'durability-bucket'

/** A small seeded generator (mulberry32): the same seed replays the same choices. */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex')

/** Start serve and wait for its export lines. Resolves with { url, child, output() }. */
function startServe(cli, state, extraArgs) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--host', '127.0.0.1', '--quiet', '--state', state, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', AWS_ENDPOINT_URL: '' },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s\n${out}\n${err}`)), 60_000)
    const check = () => {
      const m = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(out)
      if (m && /^export AWS_REGION=/m.test(out)) {
        clearTimeout(timer)
        child.stdout.off('data', check)
        resolve({ url: m[1], child, exited, output: () => out + err })
      }
    }
    child.stdout.on('data', check)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited (${code}) before listening\n${out}\n${err}`))
    })
  })
}

function clients(url) {
  const requestHandler = { httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }
  const common = { endpoint: url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1, requestHandler }
  return {
    iam: new IAMClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
    destroy() {
      this.iam.destroy()
      this.s3.destroy()
    },
  }
}

/**
 * What the writers were told. Users: name -> 'present' | 'deleted' (answered), plus the ones in
 * flight at the kill (either outcome is right). Objects: key -> sha of the last answered PUT
 * ('deleted' after an answered DELETE), plus the in-flight value.
 */
function newLedger() {
  return { users: new Map(), objects: new Map(), inflight: new Map(), acked: 0 }
}

async function writer(id, round, c, ledger, next, stop, stats) {
  let i = 0
  const mine = { users: [], objects: [] }
  while (!stop.now) {
    const r = next()
    i++
    let op
    if (r < 0.4) {
      const name = `w${id}-r${round}-u${i}`
      op = { kind: 'user', key: name, value: 'present', run: () => c.iam.send(new CreateUserCommand({ UserName: name })) }
    } else if (r < 0.5 && mine.users.length) {
      const name = mine.users.splice(Math.floor(next() * mine.users.length), 1)[0]
      op = { kind: 'user', key: name, value: 'deleted', run: () => c.iam.send(new DeleteUserCommand({ UserName: name })) }
    } else if (r < 0.9) {
      // New keys and overwrites of this writer's own keys (one writer per key: answers are ordered).
      const key = mine.objects.length && next() < 0.3 ? mine.objects[Math.floor(next() * mine.objects.length)] : `w${id}/r${round}/o${i}`
      const size = next() < 0.1 ? 256 * 1024 + Math.floor(next() * 256 * 1024) : Math.floor(next() * 4096)
      const body = randomBytes(size)
      op = { kind: 'object', key, value: sha(body), run: () => c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body })) }
    } else if (mine.objects.length) {
      const key = mine.objects.splice(Math.floor(next() * mine.objects.length), 1)[0]
      op = { kind: 'object', key, value: 'deleted', run: () => c.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key })) }
    } else continue
    const slot = `${op.kind}:${op.key}`
    ledger.inflight.set(slot, op.value)
    try {
      await op.run()
    } catch (err) {
      // Killed under it (connection refused/reset): the outcome is unknown, and stays in flight.
      if (stop.now || /ECONNREFUSED|ECONNRESET|socket hang up|EPIPE|ECONNABORTED/.test(`${err?.code} ${err?.message} ${err?.name}`)) break
      stats.errors.push(`${op.kind} ${op.key}: ${err?.name}: ${err?.message}`)
      ledger.inflight.delete(slot)
      continue
    }
    ledger.inflight.delete(slot)
    ;(op.kind === 'user' ? ledger.users : ledger.objects).set(op.key, op.value)
    ledger.acked++
    stats.acked++
    if (op.kind === 'user' && op.value === 'present') mine.users.push(op.key)
    if (op.kind === 'object' && op.value !== 'deleted' && !mine.objects.includes(op.key)) mine.objects.push(op.key)
  }
}

async function listAllUsers(c) {
  const names = new Set()
  let Marker
  do {
    const page = await c.iam.send(new ListUsersCommand({ MaxItems: 1000, ...(Marker ? { Marker } : {}) }))
    for (const u of page.Users ?? []) names.add(u.UserName)
    Marker = page.IsTruncated ? page.Marker : undefined
  } while (Marker)
  return names
}

async function listAllKeys(c) {
  const keys = new Set()
  let ContinuationToken
  do {
    const page = await c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ...(ContinuationToken ? { ContinuationToken } : {}) }))
    for (const o of page.Contents ?? []) keys.add(o.Key)
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (ContinuationToken)
  return keys
}

/** Check every answered write against the restarted server. Returns the problems found. */
async function verify(c, ledger) {
  const problems = []
  const users = await listAllUsers(c)
  for (const [name, want] of ledger.users) {
    const inflight = ledger.inflight.get(`user:${name}`)
    const has = users.has(name)
    const ok = (want === 'present') === has || (inflight !== undefined && (inflight === 'present') === has)
    if (!ok) problems.push(`user ${name}: answered ${want}, but ${has ? 'present' : 'missing'} after restart`)
  }
  const keys = await listAllKeys(c)
  for (const [key, want] of ledger.objects) {
    const inflight = ledger.inflight.get(`object:${key}`)
    let got = 'deleted'
    if (keys.has(key)) {
      const res = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
      got = sha(Buffer.from(await res.Body.transformToByteArray()))
    }
    if (got !== want && got !== inflight) problems.push(`object ${key}: answered ${want === 'deleted' ? 'deleted' : `sha ${want.slice(0, 12)}`}, found ${got === 'deleted' ? 'nothing' : `sha ${got.slice(0, 12)}`}`)
  }
  // Writes in flight at the kill were settled either way: forget them (their keys' answered state was checked).
  for (const [slot, value] of ledger.inflight) {
    const [kind, ...rest] = slot.split(':')
    const key = rest.join(':')
    if (kind === 'user') ledger.users.set(key, users.has(key) ? 'present' : 'deleted')
    else if (!keys.has(key)) ledger.objects.set(key, 'deleted')
    else {
      const res = await c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
      ledger.objects.set(key, sha(Buffer.from(await res.Body.transformToByteArray())))
    }
    void value
  }
  ledger.inflight.clear()
  return problems
}

/**
 * Run `kills` rounds. Options: cli (path of dist/cli/main.js), dir (working directory), kills,
 * writers, seed, sync ('always' | 'batch' | 'none' | undefined), minAcked and minMs/maxMs (the
 * kill comes minMs..maxMs after the round's first minAcked writes were answered), compactBytes (a small journal size: compactions run, and are killed, all
 * the time), log(line).
 */
export async function runServeDurability(opts) {
  const { cli, dir, kills, writers = 8, seed = Date.now() % 2 ** 31, sync, minMs = 0, maxMs = 2000, minAcked = 5, compactBytes, log = () => {} } = opts
  const next = rng(seed)
  const state = `${dir}/state.json`
  const args = [...(sync ? ['--state-sync', sync] : []), ...(compactBytes ? ['--state-compact-bytes', String(compactBytes)] : [])]
  const ledger = newLedger()
  const rounds = []
  const started = Date.now()
  let served = await startServe(cli, state, args)
  let c = clients(served.url)
  await c.s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  try {
    for (let round = 1; round <= kills; round++) {
      const stats = { acked: 0, errors: [] }
      const stop = { now: false }
      const work = Array.from({ length: writers }, (_, id) => writer(id, round, c, ledger, next, stop, stats))
      // The kill comes at a random moment once a few writes were answered (a loaded machine is slow to start).
      const waitStart = Date.now()
      while (stats.acked < minAcked && Date.now() - waitStart < 60_000) await new Promise((r) => setTimeout(r, 10))
      const delay = minMs + Math.floor(next() * (maxMs - minMs))
      await new Promise((r) => setTimeout(r, delay))
      served.child.kill('SIGKILL')
      stop.now = true
      await served.exited
      await Promise.all(work)
      c.destroy()
      const inflightAtKill = ledger.inflight.size
      const t0 = Date.now()
      served = await startServe(cli, state, args)
      const restartMs = Date.now() - t0
      const loaded = /^state \S+: (.*); sync /m.exec(served.output())?.[1] ?? '?'
      c = clients(served.url)
      const problems = await verify(c, ledger)
      const presentUsers = [...ledger.users.values()].filter((v) => v === 'present').length
      const presentObjects = [...ledger.objects.values()].filter((v) => v !== 'deleted').length
      const r = { round, killedAfterMs: delay, ackedThisRound: stats.acked, inflightAtKill, restartMs, loaded, lost: problems.length, problems: problems.slice(0, 20), errors: stats.errors.slice(0, 5), users: presentUsers, objects: presentObjects }
      rounds.push(r)
      log(`kill ${round}/${kills} ${delay} ms after ${minAcked} answered writes: ${stats.acked} writes answered 200 this round, ${inflightAtKill} in flight; restart ${restartMs} ms (${loaded}); ${presentUsers} users and ${presentObjects} objects checked; lost ${problems.length}${stats.errors.length ? `; ${stats.errors.length} unexpected errors` : ''}`)
      for (const p of problems.slice(0, 5)) log(`  LOST ${p}`)
    }
  } finally {
    c.destroy()
    served.child.kill('SIGKILL')
    await served.exited
  }
  return {
    seed,
    sync: sync ?? 'always',
    writers,
    kills: rounds.length,
    acked: ledger.acked,
    lost: rounds.reduce((n, r) => n + r.lost, 0),
    unexpectedErrors: rounds.reduce((n, r) => n + r.errors.length, 0),
    finalUsers: rounds.at(-1)?.users ?? 0,
    finalObjects: rounds.at(-1)?.objects ?? 0,
    rounds,
    durationMs: Date.now() - started,
  }
}
