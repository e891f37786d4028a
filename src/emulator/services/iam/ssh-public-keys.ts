import { createHash } from 'node:crypto'
import { sshPublicKeyId } from '../../ids.js'
import type { SshPublicKeyEntity, UserEntity } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { authorize, authorizeUser } from './access.js'
import { implicitTarget } from './caller.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { date } from './output.js'
import { paginate } from './paginate.js'
import { accountOf, key, requireUser } from './store.js'

/**
 * SSH public keys of IAM users (used by CodeCommit): ids start with APKA, at most 5 per user.
 * A key is accepted in OpenSSH (`ssh-rsa AAAA...`) form when its base64 blob decodes and names
 * the same algorithm; the fingerprint is the MD5 of the blob, as IAM shows it.
 */

export const MAX_SSH_KEYS_PER_USER = 5
const ALGORITHMS = new Set(['ssh-rsa', 'ssh-ed25519'])

function parseKey(body: string): Buffer {
  const parts = body.trim().split(/\s+/)
  const blob = parts[1] !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(parts[1]) ? Buffer.from(parts[1], 'base64') : undefined
  if (!blob || !ALGORITHMS.has(parts[0]!)) {
    throw new AwsServiceError('UnrecognizedPublicKeyEncoding', 400, 'The SSH public key is not in a recognised format: give an OpenSSH ssh-rsa key.')
  }
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1
  if (len < 0 || 4 + len > blob.length || blob.subarray(4, 4 + len).toString('latin1') !== parts[0]) {
    throw new AwsServiceError('InvalidPublicKey', 400, 'The SSH public key is invalid.')
  }
  return blob
}

const fingerprint = (blob: Buffer) => createHash('md5').update(blob).digest('hex').match(/../g)!.join(':')

function keysOf(ctx: OpContext, user: UserEntity): SshPublicKeyEntity[] {
  return extrasOf(accountOf(ctx)).sshPublicKeys.filter((k) => key(k.userName) === key(user.name))
}

function requireKey(ctx: OpContext, user: UserEntity, id: string): SshPublicKeyEntity {
  const found = keysOf(ctx, user).find((k) => k.id === id)
  if (!found) throw new AwsServiceError('NoSuchEntity', 404, `The Public Key with id ${id} cannot be found.`)
  return found
}

function keyOut(k: SshPublicKeyEntity, user: UserEntity, withBody: boolean) {
  return {
    UserName: user.name,
    SSHPublicKeyId: k.id,
    Fingerprint: withBody ? k.fingerprint : undefined,
    SSHPublicKeyBody: withBody ? k.body : undefined,
    Status: k.status,
    UploadDate: date(k.uploadDate),
  }
}

export const sshPublicKeyOperations = defineOps({
  UploadSSHPublicKey(ctx, input) {
    authorizeUser(ctx, 'UploadSSHPublicKey', input.UserName)
    const user = requireUser(accountOf(ctx), input.UserName)
    const blob = parseKey(input.SSHPublicKeyBody)
    const print = fingerprint(blob)
    const mine = keysOf(ctx, user)
    if (mine.some((k) => k.fingerprint === print)) throw new AwsServiceError('DuplicateSSHPublicKey', 400, 'The SSH public key is already uploaded for this user.')
    if (mine.length >= MAX_SSH_KEYS_PER_USER) throw new AwsServiceError('LimitExceeded', 409, `Cannot exceed quota for PublicKeysPerUser: ${MAX_SSH_KEYS_PER_USER}`)
    const k: SshPublicKeyEntity = { id: sshPublicKeyId(), userName: user.name, body: input.SSHPublicKeyBody, fingerprint: print, status: 'Active', uploadDate: ctx.now }
    extrasOf(accountOf(ctx)).sshPublicKeys.push(k)
    return { SSHPublicKey: keyOut(k, user, true) }
  },

  GetSSHPublicKey(ctx, input) {
    authorizeUser(ctx, 'GetSSHPublicKey', input.UserName)
    const user = requireUser(accountOf(ctx), input.UserName)
    const k = requireKey(ctx, user, input.SSHPublicKeyId)
    // Encoding SSH (the OpenSSH text) or PEM; the emulator keeps the OpenSSH text.
    return { SSHPublicKey: keyOut(k, user, true) }
  },

  ListSSHPublicKeys(ctx, input) {
    const account = accountOf(ctx)
    const target = input.UserName === undefined ? implicitTarget(ctx) : { kind: 'user' as const, name: input.UserName }
    if (target.kind === 'root') {
      // The root has no SSH keys: the list is empty once allowed.
      authorize(ctx, 'ListSSHPublicKeys', ctx.caller.principal.arn)
      return { SSHPublicKeys: [], IsTruncated: false }
    }
    const name = target.name
    authorizeUser(ctx, 'ListSSHPublicKeys', name)
    const user = requireUser(account, name)
    const page = paginate(keysOf(ctx, user), (k) => k.id, input)
    return {
      SSHPublicKeys: page.items.map((k) => ({ UserName: user.name, SSHPublicKeyId: k.id, Status: k.status, UploadDate: date(k.uploadDate) })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    }
  },

  UpdateSSHPublicKey(ctx, input) {
    authorizeUser(ctx, 'UpdateSSHPublicKey', input.UserName)
    const user = requireUser(accountOf(ctx), input.UserName)
    requireKey(ctx, user, input.SSHPublicKeyId).status = input.Status
    return undefined
  },

  DeleteSSHPublicKey(ctx, input) {
    authorizeUser(ctx, 'DeleteSSHPublicKey', input.UserName)
    const user = requireUser(accountOf(ctx), input.UserName)
    const k = requireKey(ctx, user, input.SSHPublicKeyId)
    const all = extrasOf(accountOf(ctx)).sshPublicKeys
    all.splice(all.indexOf(k), 1)
    return undefined
  },
})
