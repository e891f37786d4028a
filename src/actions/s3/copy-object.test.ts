import { S3Client } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createEmulator, createInMemoryHandler } from '../../emulator/index.js'
import { recoverIntent } from '../../engine/ledger/recovery.js'
import type { AwsClients } from '../define-action.js'
import { resolveAction } from '../registry.js'
import { copyObject } from './copy-object.js'
import { withSdkCall } from '../sdk-modules.js'

/** S3 clients answering from an in-memory emulator as its root (iam/sts unused here). */
function clients(): AwsClients {
  const em = createEmulator()
  const s3 = new S3Client({ region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: em.root, requestHandler: createInMemoryHandler(em), forcePathStyle: true, maxAttempts: 1 })
  return withSdkCall({ s3 } as any)
}

const call = (c: AwsClients, name: string, input: Record<string, unknown>) => resolveAction(name)!.run({ clients: c }, input) as Promise<any>

describe('s3.copyObject', () => {
  it('copies an object on the emulator, and its recorded undo removes exactly the copy', async () => {
    const c = clients()
    await call(c, 's3.createBucket', { Bucket: 'src-bucket' })
    await call(c, 's3.createBucket', { Bucket: 'dst-bucket' })
    await call(c, 's3.putObject', { Bucket: 'src-bucket', Key: 'a.txt', Body: 'hello', ContentType: 'text/plain' })
    const input = { Bucket: 'dst-bucket', Key: 'copy.txt', CopySource: 'src-bucket/a.txt', CopySourceIfModifiedSince: '2000-01-01T00:00:00Z' }
    const output = await copyObject.run({ clients: c }, input)
    expect(output.CopyObjectResult?.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"')
    const copy = await call(c, 's3.getObject', { Bucket: 'dst-bucket', Key: 'copy.txt' })
    expect([copy.Body, copy.ContentType]).toEqual(['hello', 'text/plain'])

    const undo = copyObject.undo!(input, output)
    expect(undo).toEqual({ action: 's3.deleteObject', input: { Bucket: 'dst-bucket', Key: 'copy.txt' } })
    const { action, input: undoInput } = [undo].flat()[0]!
    await call(c, action, undoInput)
    await expect(call(c, 's3.getObject', { Bucket: 'dst-bucket', Key: 'copy.txt' })).rejects.toMatchObject({ name: 'NoSuchKey' })
    expect((await call(c, 's3.getObject', { Bucket: 'src-bucket', Key: 'a.txt' })).Body).toBe('hello')
  })

  it('undoes exactly the version it wrote in a versioned bucket', () => {
    expect(copyObject.undo!({ Bucket: 'b', Key: 'k', CopySource: 'x/y' }, { $metadata: {}, VersionId: '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd' })).toEqual({
      action: 's3.deleteObject',
      input: { Bucket: 'b', Key: 'k', VersionId: '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd' },
    })
  })

  it('recovers an interrupted copy from its input alone', async () => {
    const intent = { seq: 1, stepId: 'copy', action: 's3.copyObject', input: { Bucket: 'b', Key: 'k', CopySource: 'x/y' }, at: new Date().toISOString() }
    const neverCalled = async () => {
      throw new Error('recovery from the input makes no call')
    }
    expect(await recoverIntent(intent, { call: neverCalled, accountId: '123456789012' })).toEqual([{ action: 's3.deleteObject', input: { Bucket: 'b', Key: 'k' } }])
  })

  it('sends timestamps as Dates and checks its input against the model', async () => {
    const sent: Array<Record<string, unknown>> = []
    const fake = { send: async (cmd: { input: Record<string, unknown> }) => (sent.push(cmd.input), { $metadata: {} }) }
    await copyObject.run({ clients: withSdkCall({ s3: fake } as any) }, { Bucket: 'b', Key: 'k', CopySource: 'x/y', Expires: '2030-01-01T00:00:00Z' })
    expect(sent[0]!.Expires).toEqual(new Date('2030-01-01T00:00:00Z'))
    const props = copyObject.input.properties as Record<string, Record<string, unknown>>
    expect(copyObject.input.required).toEqual(['Bucket', 'CopySource', 'Key'])
    expect(props.MetadataDirective?.enum).toEqual(['COPY', 'REPLACE'])
  })
})
