import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/emulator/server.js'
import { IAM_VERSION, STS_VERSION, UNBENT, buildWorld, prototypeChanges, rawForm, restorePrototypes, snapshotPrototypes, victimDecisions, type World } from './helpers/pollution.js'
import { FORM_TYPE, sendRaw, signRaw, type RawRequest, type RawResponse } from './helpers/reliability/sigv4.js'
import type { Creds } from './helpers/reliability/serve.js'

/**
 * The Query half of the prototype-pollution property over real HTTP (`startServer` on loopback,
 * port 0): parameter names in the form body and in the URL's query string, signed as an SDK
 * signs. Each forbidden name is refused with 400 InvalidQueryParameter; afterwards the built-in
 * prototypes, bob's decisions and the server's answers over HTTP are exactly as before.
 */
const FORBIDDEN = ['__proto__', 'constructor', 'prototype']
const OTHER = ['UserName', 'Tags', 'member', '1', 'Key', 'aws:username', 'resourcePolicy', 'id', 'x', 'toString', 'valueOf']
const name = fc
  .tuple(fc.array(fc.constantFrom(...FORBIDDEN, ...OTHER), { maxLength: 3 }), fc.constantFrom(...FORBIDDEN), fc.array(fc.constantFrom(...FORBIDDEN, ...OTHER), { maxLength: 3 }))
  .map(([a, f, b]) => [...a, f, ...b].join('.'))

let w: World
let server: RunningServer
let host: string
let before: ReturnType<typeof snapshotPrototypes>

beforeAll(async () => {
  before = snapshotPrototypes()
  w = await buildWorld()
  server = await startServer(w.em, { port: 0 })
  host = `127.0.0.1:${server.port}`
})

afterAll(async () => {
  await server?.close()
  restorePrototypes(before)
})

async function overHttp(creds: Creds, service: 'iam' | 'sts', action: string, params: Array<[string, string]>, inUrl: boolean): Promise<RawResponse> {
  const all: Array<[string, string]> = [['Action', action], ['Version', service === 'iam' ? IAM_VERSION : STS_VERSION], ...params]
  const req: RawRequest = inUrl
    ? { method: 'GET', path: '/', query: Object.fromEntries(all), headers: {} }
    : { method: 'POST', path: '/', headers: { 'content-type': FORM_TYPE }, body: rawForm(all) }
  return sendRaw(server.url, await signRaw(req, host, { service, creds }))
}

describe('Query parameter names over HTTP (startServer)', () => {
  it('the reported exploit is refused and bob still cannot act for admin', async () => {
    const attack = await overHttp(w.nobody, 'sts', 'GetCallerIdentity', [['__proto__.aws:username', 'admin']], false)
    expect(prototypeChanges(before)).toEqual([])
    expect(attack).toMatchObject({ status: 400, code: 'InvalidQueryParameter' })
    expect((await overHttp(w.bob, 'iam', 'GetUser', [['UserName', 'admin']], false)).status).toBe(403)
    expect((await overHttp(w.bob, 'iam', 'GetUser', [['UserName', 'bob']], false)).status).toBe(200)
  })

  it('any name with a forbidden segment, in the body or the URL, is refused and changes nothing', async () => {
    const action = fc.constantFrom<[('iam' | 'sts'), string]>(['sts', 'GetCallerIdentity'], ['iam', 'ListUsers'], ['iam', 'GetUser'], ['sts', 'GetSessionToken'])
    await fc.assert(
      fc.asyncProperty(action, fc.array(fc.tuple(name, fc.constantFrom('admin', 'x')), { minLength: 1, maxLength: 2 }), fc.boolean(), async ([service, op], injected, inUrl) => {
        const attack = await overHttp(w.nobody, service, op, injected, inUrl)
        const what = `${op} ${inUrl ? 'url' : 'body'} ${JSON.stringify(injected)}`
        expect(attack, what).toMatchObject({ status: 400, code: 'InvalidQueryParameter' })
        expect(prototypeChanges(before), what).toEqual([])
        expect(await victimDecisions(w), what).toEqual(UNBENT)
        const health = await overHttp(w.bob, 'iam', 'GetUser', [['UserName', 'bob']], false)
        expect(health.status, what).toBe(200)
      }),
      { numRuns: 40 },
    )
  })
})
