// Row 3's request path without sockets, before/after in one process: the signed
// GetCallerIdentity that bench row 3 replays, through the front door `iamflow serve` uses
// (admission, then the body, dispatch, SigV4, the handler and the XML), from two checkouts' dist/,
// in alternating batches. Prints CPU µs per request (median of the batches) and their ratio.
//
//   node bench/serve-inproc.mjs --before /work/main --after . [--batches 15] [--n 20000]
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { signedGetCallerIdentity } from './lib/replay-load.mjs'
import { median, round } from './lib/stats.mjs'

const { values } = parseArgs({ options: { before: { type: 'string' }, after: { type: 'string', default: '.' }, batches: { type: 'string', default: '15' }, n: { type: 'string', default: '20000' } } })
const N = Number(values.n)

async function side(root) {
  const load = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href)
  const { createEmulator, frontDoor } = await load('emulator/create-emulator.js')
  const { RecordHeaders } = await load('emulator/incoming.js')
  const { bodyLimits } = await load('emulator/admission.js')
  const em = createEmulator()
  const door = frontDoor(em)
  const limits = bodyLimits()
  // The exact bytes row 3 sends, parsed back into what server.ts hands the front door.
  const raw = (await signedGetCallerIdentity('http://127.0.0.1:4566', { accessKeyId: em.root.accessKeyId, secretAccessKey: em.root.secretAccessKey })).toString('latin1')
  const [head, bodyText] = raw.split('\r\n\r\n')
  const record = Object.create(null)
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).toLowerCase()
    if (name !== 'connection') record[name] = line.slice(colon + 1).trim()
  }
  const body = new Uint8Array(Buffer.from(bodyText, 'latin1'))
  const one = async () => {
    const parts = { method: 'POST', url: 'http://127.0.0.1:4566/', headers: new RecordHeaders({ ...record }), body: new Uint8Array(0), meta: { secure: false, rawPath: '/', sourceIp: '127.0.0.1' } }
    const admission = await door.admit(parts, body.length, limits)
    if (admission.kind !== 'read') throw new Error(`refused: ${JSON.stringify(admission.response)}`)
    const wire = await admission.finish(body)
    if (wire.status !== 200) throw new Error(`status ${wire.status}: ${wire.body}`)
  }
  return { one, cpu: [] }
}

const sides = { before: await side(values.before), after: await side(values.after) }
const names = Object.keys(sides)
for (const name of names) for (let i = 0; i < N; i++) await sides[name].one() // warm-up
for (let b = 0; b < Number(values.batches); b++) {
  for (const name of b % 2 ? [...names].reverse() : names) {
    const s = sides[name]
    const c0 = process.cpuUsage()
    for (let i = 0; i < N; i++) await s.one()
    const c = process.cpuUsage(c0)
    s.cpu.push((c.user + c.system) / N)
  }
}
const ratio = median(sides.after.cpu.map((x, i) => x / sides.before.cpu[i]))
process.stdout.write(`${JSON.stringify({ cpuUsPerRequest: { before: round(median(sides.before.cpu), 2), after: round(median(sides.after.cpu), 2) }, afterOverBefore: round(ratio, 3), n: N, batches: Number(values.batches) })}\n`)
