import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { startServer } from '../src/emulator/server.js'
import { FORM, form, signedRequest } from './emulator-signing.js'

describe('state under concurrent requests', () => {
  it('no lost or torn writes: concurrent creates, puts and deletes all land', async () => {
    const em = createEmulator()
    const server = await startServer(em, { port: 0 })
    const host = new URL(server.url).host
    try {
      const send = async (r: Parameters<typeof signedRequest>[0]) => {
        const req = await signedRequest({ ...r, host })
        return fetch(req.url, { method: req.method, headers: req.headers, ...(r.body !== undefined ? { body: r.body } : {}) })
      }
      expect((await send({ service: 's3', method: 'PUT', path: '/conc-bucket', creds: em.root })).status).toBe(200)
      const users = Array.from({ length: 60 }, (_, i) => `user-${i}`)
      const keys = Array.from({ length: 120 }, (_, i) => `k/${i}`)
      const results = await Promise.all([
        ...users.map((u) => send({ service: 'iam', body: form('CreateUser', '2010-05-08', { UserName: u }), headers: FORM, creds: em.root })),
        ...keys.map((k) => send({ service: 's3', method: 'PUT', path: `/conc-bucket/${k}`, body: k, creds: em.root })),
        // The same user name raced 10 times: exactly one wins.
        ...Array.from({ length: 10 }, () => send({ service: 'iam', body: form('CreateUser', '2010-05-08', { UserName: 'racer' }), headers: FORM, creds: em.root })),
      ])
      const statuses = results.map((r) => r.status)
      expect(statuses.slice(0, users.length + keys.length).every((s) => s === 200)).toBe(true)
      expect(statuses.slice(users.length + keys.length).sort()).toEqual([200, ...Array(9).fill(409)])
      const inv = em.inventory()
      expect(inv.users).toEqual([...users, 'racer'].sort())
      expect(inv.objects).toEqual(keys.map((k) => `conc-bucket/${k}`).sort())
      const deletes = await Promise.all(keys.map((k) => send({ service: 's3', method: 'DELETE', path: `/conc-bucket/${k}`, creds: em.root })))
      expect(deletes.every((r) => r.status === 204)).toBe(true)
      expect(em.inventory().objects).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('anonymous S3 access', () => {
  it('is denied with a plain Access Denied unless a bucket policy allows Principal "*"', async () => {
    const em = createEmulator()
    const root = em.root
    await em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/public-bucket', creds: root }))
    await em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/public-bucket/index.html', creds: root, body: '<h1>hi</h1>' }))
    const anon = () => em.handle(new Request('http://localhost:4566/public-bucket/index.html'))
    const denied = await anon()
    expect(denied.status).toBe(403)
    expect(await denied.text()).toContain('<Message>Access Denied</Message>')
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-bucket/*' }],
    })
    // New buckets block public policies (AWS's default since April 2023): lift it first.
    const lifted = await em.handle(await signedRequest({ service: 's3', method: 'DELETE', path: '/public-bucket', query: { publicAccessBlock: '' }, creds: root }))
    expect(lifted.status).toBe(204)
    const put = await em.handle(await signedRequest({ service: 's3', method: 'PUT', path: '/public-bucket', query: { policy: '' }, creds: root, body: policy }))
    expect(put.status).toBe(204)
    const allowed = await anon()
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toBe('<h1>hi</h1>')
    expect(JSON.parse(allowed.headers.get('x-iamflow-decision')!)).toMatchObject({ decision: 'Allowed', by: 'resource', matched: [{ sid: 'PublicRead', index: 0 }] })
    // Anonymous callers cannot list or write.
    expect((await em.handle(new Request('http://localhost:4566/public-bucket?list-type=2'))).status).toBe(403)
    expect((await em.handle(new Request('http://localhost:4566/public-bucket/x', { method: 'PUT', body: 'x' }))).status).toBe(403)
  })
})
