import { X509Certificate, createPrivateKey } from 'node:crypto'
import { arns } from '../../arn.js'
import { signingCertificateId, uniqueId } from '../../ids.js'
import type { ServerCertificateEntity, SigningCertificateEntity } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { authorize, authorizeUser, type Context } from './access.js'
import { extrasOf } from './account-extras.js'
import { implicitTarget } from './caller.js'
import { defineOps } from './define-ops.js'
import { date, tagsOut } from './output.js'
import { paginate } from './paginate.js'
import { accountOf, key, requireUser } from './store.js'
import { requestTagContext, requestTags, resourceTagContext } from './tags.js'

/**
 * X.509 certificates IAM keeps: signing certificates of users (at most 2 each) and server
 * certificates of the account (ids ASCA..., ARN `server-certificate/<path><name>`, at most 20).
 * Bodies are parsed as PEM X.509 (MalformedCertificate otherwise); a server certificate's
 * private key must parse and match its public key (KeyPairMismatch). Private keys are never kept.
 */

export const MAX_SIGNING_CERTIFICATES = 2
export const MAX_SERVER_CERTIFICATES = 20

function parseCertificate(body: string): X509Certificate {
  try {
    return new X509Certificate(body)
  } catch {
    throw new AwsServiceError('MalformedCertificate', 400, 'Unable to parse certificate. Please ensure the certificate is in PEM format.')
  }
}

/** The user a signing-certificate call acts on (the caller when UserName is omitted; undefined = root). */
function signer(ctx: OpContext, action: string, userName: string | undefined): string | undefined {
  const target = userName === undefined ? implicitTarget(ctx) : { kind: 'user' as const, name: userName }
  if (target.kind === 'root') {
    authorize(ctx, action, ctx.caller.principal.arn)
    return undefined
  }
  authorizeUser(ctx, action, target.name)
  return requireUser(accountOf(ctx), target.name).name
}

const sameUser = (c: SigningCertificateEntity, user: string | undefined) =>
  user === undefined ? c.userName === undefined : c.userName !== undefined && key(c.userName) === key(user)

function requireSigning(ctx: OpContext, user: string | undefined, id: string): SigningCertificateEntity {
  const c = extrasOf(accountOf(ctx)).signingCertificates.find((x) => x.id === id && sameUser(x, user))
  if (!c) throw new AwsServiceError('NoSuchEntity', 404, `The Certificate with id ${id} cannot be found.`)
  return c
}

const signingOut = (c: SigningCertificateEntity, accountId: string) => ({
  UserName: c.userName ?? accountId,
  CertificateId: c.id,
  CertificateBody: c.body,
  Status: c.status,
  UploadDate: date(c.uploadDate),
})

function findServer(ctx: OpContext, name: string): ServerCertificateEntity | undefined {
  return extrasOf(accountOf(ctx)).serverCertificates.find((c) => key(c.name) === key(name))
}

/** Authorize `action` on the named server certificate (its ARN with path, `aws:ResourceTag/*`). */
export function authorizeServer(ctx: OpContext, action: string, name: string, extra: Context = {}): ServerCertificateEntity | undefined {
  const found = findServer(ctx, name)
  authorize(ctx, action, found?.arn ?? arns.serverCertificate(accountOf(ctx).id, '/', name), { ...resourceTagContext(found?.tags), ...extra })
  return found
}

export function requireServer(found: ServerCertificateEntity | undefined, name: string): ServerCertificateEntity {
  if (!found) throw new AwsServiceError('NoSuchEntity', 404, `The Server Certificate with name ${name} cannot be found.`)
  return found
}

const serverMeta = (c: ServerCertificateEntity) => ({
  Path: c.path,
  ServerCertificateName: c.name,
  ServerCertificateId: c.id,
  Arn: c.arn,
  UploadDate: date(c.uploadDate),
  Expiration: c.expiration === undefined ? undefined : date(c.expiration),
})

export const certificateOperations = defineOps({
  UploadSigningCertificate(ctx, input) {
    const user = signer(ctx, 'UploadSigningCertificate', input.UserName)
    parseCertificate(input.CertificateBody)
    const all = extrasOf(accountOf(ctx)).signingCertificates
    const mine = all.filter((c) => sameUser(c, user))
    if (mine.some((c) => c.body.trim() === input.CertificateBody.trim())) throw new AwsServiceError('DuplicateCertificate', 409, 'The certificate is already uploaded.')
    if (mine.length >= MAX_SIGNING_CERTIFICATES) throw new AwsServiceError('LimitExceeded', 409, `Cannot exceed quota for CertificatesPerUser: ${MAX_SIGNING_CERTIFICATES}`)
    const cert: SigningCertificateEntity = { id: signingCertificateId(), body: input.CertificateBody, status: 'Active', uploadDate: ctx.now }
    if (user !== undefined) cert.userName = user
    all.push(cert)
    return { Certificate: signingOut(cert, accountOf(ctx).id) }
  },

  ListSigningCertificates(ctx, input) {
    const user = signer(ctx, 'ListSigningCertificates', input.UserName)
    const page = paginate(extrasOf(accountOf(ctx)).signingCertificates.filter((c) => sameUser(c, user)), (c) => c.id, input)
    return { Certificates: page.items.map((c) => signingOut(c, accountOf(ctx).id)), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },

  UpdateSigningCertificate(ctx, input) {
    const user = signer(ctx, 'UpdateSigningCertificate', input.UserName)
    requireSigning(ctx, user, input.CertificateId).status = input.Status
    return undefined
  },

  DeleteSigningCertificate(ctx, input) {
    const user = signer(ctx, 'DeleteSigningCertificate', input.UserName)
    const cert = requireSigning(ctx, user, input.CertificateId)
    const all = extrasOf(accountOf(ctx)).signingCertificates
    all.splice(all.indexOf(cert), 1)
    return undefined
  },

  UploadServerCertificate(ctx, input) {
    const account = accountOf(ctx)
    const path = input.Path ?? '/'
    const tags = requestTags(input.Tags)
    const arn = arns.serverCertificate(account.id, path, input.ServerCertificateName)
    authorize(ctx, 'UploadServerCertificate', arn, requestTagContext(tags))
    if (findServer(ctx, input.ServerCertificateName)) {
      throw new AwsServiceError('EntityAlreadyExists', 409, `The Server Certificate with name ${input.ServerCertificateName} already exists.`)
    }
    const cert = parseCertificate(input.CertificateBody)
    if (input.CertificateChain !== undefined) parseCertificate(input.CertificateChain)
    let matches = false
    try {
      matches = cert.checkPrivateKey(createPrivateKey(input.PrivateKey))
    } catch {
      throw new AwsServiceError('MalformedCertificate', 400, 'Unable to parse private key. Please ensure the private key is in PEM format.')
    }
    if (!matches) throw new AwsServiceError('KeyPairMismatch', 400, 'The private key does not match the public key in the certificate.')
    const all = extrasOf(account).serverCertificates
    if (all.length >= MAX_SERVER_CERTIFICATES) throw new AwsServiceError('LimitExceeded', 409, `Cannot exceed quota for ServerCertificatesPerAccount: ${MAX_SERVER_CERTIFICATES}`)
    const entity: ServerCertificateEntity = {
      name: input.ServerCertificateName, id: uniqueId('ASCA'), arn, path, body: input.CertificateBody, uploadDate: ctx.now, expiration: Date.parse(cert.validTo), tags,
    }
    if (input.CertificateChain !== undefined) entity.chain = input.CertificateChain
    all.push(entity)
    return { ServerCertificateMetadata: serverMeta(entity), Tags: tagsOut(tags) }
  },

  GetServerCertificate(ctx, input) {
    const c = requireServer(authorizeServer(ctx, 'GetServerCertificate', input.ServerCertificateName), input.ServerCertificateName)
    return { ServerCertificate: { ServerCertificateMetadata: serverMeta(c), CertificateBody: c.body, CertificateChain: c.chain, Tags: tagsOut(c.tags) } }
  },

  ListServerCertificates(ctx, input) {
    const account = accountOf(ctx)
    const prefix = input.PathPrefix ?? '/'
    authorize(ctx, 'ListServerCertificates', `arn:aws:iam::${account.id}:server-certificate${prefix}`)
    const page = paginate(extrasOf(account).serverCertificates.filter((c) => c.path.startsWith(prefix)), (c) => key(c.name), input)
    return { ServerCertificateMetadataList: page.items.map(serverMeta), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },

  UpdateServerCertificate(ctx, input) {
    const c = requireServer(authorizeServer(ctx, 'UpdateServerCertificate', input.ServerCertificateName), input.ServerCertificateName)
    const account = accountOf(ctx)
    const name = input.NewServerCertificateName ?? c.name
    const path = input.NewPath ?? c.path
    if (key(name) !== key(c.name) && findServer(ctx, name)) throw new AwsServiceError('EntityAlreadyExists', 409, `The Server Certificate with name ${name} already exists.`)
    c.name = name
    c.path = path
    c.arn = arns.serverCertificate(account.id, path, name)
    return undefined
  },

  DeleteServerCertificate(ctx, input) {
    const c = requireServer(authorizeServer(ctx, 'DeleteServerCertificate', input.ServerCertificateName), input.ServerCertificateName)
    const all = extrasOf(accountOf(ctx)).serverCertificates
    all.splice(all.indexOf(c), 1)
    return undefined
  },
})
