// Issue 19, item 2: "1,000 unrelated policies loaded" measured where it can fail. Two embedded
// emulators in this process hold the same principal (jill: the fixture's identity policy inline,
// the fixture's boundary, tag team=blue) and the same object; one of them also holds 1,000
// customer managed policies attached to 100 other users, 50 groups and 100 roles (4 each).
// jill's signed S3 GetObject (pre-signed once, replayed: no client signing in the loop) goes
// through `emulator.handle()`: SigV4, routing, collecting her policies from the state,
// compiling (cached), evaluating, reading the object. Rounds alternate between the two
// emulators; the figure is the median of the per-round ratios loaded / empty.
import { createHash, createHmac } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { SignatureV4 } from '@smithy/signature-v4'
import { HttpRequest } from '@smithy/protocol-http'
import { boundaryDoc, identityDoc, unrelatedDocs } from './fixtures.mjs'
import { queryClient } from '../lib/query-client.mjs'

class NodeHash {
  constructor(secret) {
    this.h = secret ? createHmac('sha256', secret) : createHash('sha256')
  }
  update(data) {
    this.h.update(data)
  }
  async digest() {
    return new Uint8Array(this.h.digest())
  }
}

const HOST = 'localhost:4566'
const META = { sourceIp: '203.0.113.25', secure: true } // the fixture's network conditions
const BUCKET = 'corp-data'
const KEY = 'teams/blue/q3.csv'
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })

/** A signed S3 request (path style), as `{ url, init }` to build a fresh fetch Request from each time. */
async function signedS3(creds, method, path, body) {
  const payload = body ?? ''
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: creds, sha256: NodeHash, uriEscapePath: false, applyChecksum: true })
  const hash = createHash('sha256').update(payload).digest('hex')
  const req = new HttpRequest({ method, protocol: 'http:', hostname: 'localhost', port: 4566, path, headers: { host: HOST, 'x-amz-content-sha256': hash }, body: body || undefined })
  const signed = await signer.sign(req)
  const headers = { ...signed.headers }
  return { url: `http://${HOST}${path}`, init: { method, headers, ...(body ? { body } : {}) } }
}

async function send(emulator, { url, init }) {
  const res = await emulator.handle(new Request(url, init), { ...META, rawPath: new URL(url).pathname })
  const text = await res.text()
  return { status: res.status, text, decision: res.headers.get('x-iamflow-decision') }
}

const tag = (xml, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]

/** An emulator with jill and the object; with `unrelated`, also 1,000 policies held by others. */
async function build(createEmulator, unrelated) {
  const emulator = createEmulator({})
  const root = emulator.root
  const iam = queryClient(emulator, root)
  await iam({ Action: 'CreateUser', UserName: 'jill' })
  await iam({ Action: 'TagUser', UserName: 'jill', 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'blue' })
  await iam({ Action: 'PutUserPolicy', UserName: 'jill', PolicyName: 'Identity', PolicyDocument: JSON.stringify(identityDoc) })
  const boundaryArn = tag(await iam({ Action: 'CreatePolicy', PolicyName: 'Boundary', PolicyDocument: JSON.stringify(boundaryDoc) }), 'Arn')
  await iam({ Action: 'PutUserPermissionsBoundary', UserName: 'jill', PermissionsBoundary: boundaryArn })
  const keyXml = await iam({ Action: 'CreateAccessKey', UserName: 'jill' })
  const jill = { accessKeyId: tag(keyXml, 'AccessKeyId'), secretAccessKey: tag(keyXml, 'SecretAccessKey') }
  for (const [method, path, body] of [['PUT', `/${BUCKET}`], ['PUT', `/${BUCKET}/${KEY}`, 'a,b\n1,2\n']]) {
    const r = await send(emulator, await signedS3(root, method, path, body))
    if (r.status !== 200) throw new Error(`${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 300)}`)
  }
  let holders = { users: 0, groups: 0, roles: 0, policies: 0 }
  if (unrelated) {
    const docs = unrelatedDocs(1000)
    const arns = []
    for (let i = 0; i < docs.length; i++) arns.push(tag(await iam({ Action: 'CreatePolicy', PolicyName: `Unrelated${i}`, PolicyDocument: JSON.stringify(docs[i]) }), 'Arn'))
    let next = 0
    const attach = async (action, member, name) => {
      for (let k = 0; k < 4; k++) await iam({ Action: action, [member]: name, PolicyArn: arns[next++] })
    }
    for (let u = 0; u < 100; u++) {
      await iam({ Action: 'CreateUser', UserName: `other-user-${u}` })
      await attach('AttachUserPolicy', 'UserName', `other-user-${u}`)
    }
    for (let g = 0; g < 50; g++) {
      await iam({ Action: 'CreateGroup', GroupName: `other-group-${g}` })
      await attach('AttachGroupPolicy', 'GroupName', `other-group-${g}`)
    }
    for (let r = 0; r < 100; r++) {
      await iam({ Action: 'CreateRole', RoleName: `other-role-${r}`, AssumeRolePolicyDocument: TRUST })
      await attach('AttachRolePolicy', 'RoleName', `other-role-${r}`)
    }
    if (next !== 1000) throw new Error(`attached ${next} policies, expected 1000`)
    holders = { users: 100, groups: 50, roles: 100, policies: next }
  }
  const get = await signedS3(jill, 'GET', `/${BUCKET}/${KEY}`)
  const first = await send(emulator, get)
  if (first.status !== 200) throw new Error(`jill's GetObject: HTTP ${first.status} ${first.text.slice(0, 300)}`)
  return { emulator, get, holders, decision: first.decision }
}

/** µs per request of one timed round of `n` sequential requests. */
async function roundUs(emulator, get, n) {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) {
    const r = await send(emulator, get)
    if (r.status !== 200) throw new Error(`GetObject: HTTP ${r.status}`)
  }
  return Number(process.hrtime.bigint() - t0) / 1000 / n
}

const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function measureEmulatorPath({ root = resolve(import.meta.dirname, '../..'), smoke = false, rounds = 11, perRound = 400 } = {}) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const { createEmulator } = await import(pathToFileURL(resolve(root, 'dist/emulator/index.js')).href)
  const t0 = performance.now()
  const empty = await build(createEmulator, false)
  const loaded = await build(createEmulator, true)
  const buildMs = performance.now() - t0
  const n = smoke ? 5 : perRound
  const r = smoke ? 1 : rounds
  await roundUs(empty.emulator, empty.get, n)
  await roundUs(loaded.emulator, loaded.get, n)
  const a = []
  const b = []
  for (let i = 0; i < r; i++) {
    // Alternate which goes first, so drift within a pair cancels too.
    if (i % 2) {
      b.push(await roundUs(loaded.emulator, loaded.get, n))
      a.push(await roundUs(empty.emulator, empty.get, n))
    } else {
      a.push(await roundUs(empty.emulator, empty.get, n))
      b.push(await roundUs(loaded.emulator, loaded.get, n))
    }
  }
  let decision
  try {
    decision = JSON.parse(loaded.decision ?? 'null')
  } catch {
    decision = loaded.decision
  }
  return {
    emptyAccountUsPerRequest: Number(med(a).toFixed(1)),
    loadedAccountUsPerRequest: Number(med(b).toFixed(1)),
    loadedVsEmpty: Number(med(b.map((x, i) => x / a[i])).toFixed(3)),
    heldBy: loaded.holders,
    rounds: r,
    requestsPerRound: n,
    setupMs: Math.round(buildMs),
    decisionHeader: decision,
  }
}
