import { randomBytes } from 'node:crypto'
import { uniqueId } from '../../ids.js'
import type { ServiceCredentialEntity } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { authorizeUser } from './access.js'
import { extrasOf } from './account-extras.js'
import { implicitTarget } from './caller.js'
import { defineOps } from './define-ops.js'
import { date } from './output.js'
import { paginate } from './paginate.js'
import { accountOf, key, requireUser } from './store.js'

/**
 * Service-specific credentials (a user name and password for CodeCommit, Amazon Keyspaces or
 * Bedrock): ids start with ACCA, at most 2 per user and service. The password is returned once
 * (Create, Reset) and never kept.
 */

export const MAX_SERVICE_CREDENTIALS = 2
const SERVICES = new Set(['codecommit.amazonaws.com', 'cassandra.amazonaws.com', 'bedrock.amazonaws.com'])

const password = () => randomBytes(33).toString('base64')

function userOf(ctx: OpContext, action: string, userName: string | undefined): string {
  const target = userName === undefined ? implicitTarget(ctx) : { kind: 'user' as const, name: userName }
  if (target.kind === 'root') throw new AwsServiceError('ValidationError', 400, 'Must specify userName when calling with non-User credentials')
  authorizeUser(ctx, action, target.name)
  return requireUser(accountOf(ctx), target.name).name
}

function requireCredential(ctx: OpContext, user: string, id: string): ServiceCredentialEntity {
  const c = extrasOf(accountOf(ctx)).serviceCredentials.find((x) => x.id === id && key(x.userName) === key(user))
  if (!c) throw new AwsServiceError('NoSuchEntity', 404, `No such credential ${id} exists`)
  return c
}

const metadata = (c: ServiceCredentialEntity) => ({
  UserName: c.userName,
  Status: c.status,
  ServiceUserName: c.serviceUserName,
  CreateDate: date(c.createDate),
  ServiceSpecificCredentialId: c.id,
  ServiceName: c.serviceName,
})

const withPassword = (c: ServiceCredentialEntity) => ({
  CreateDate: date(c.createDate),
  ServiceName: c.serviceName,
  ServiceUserName: c.serviceUserName,
  ServicePassword: password(),
  ServiceSpecificCredentialId: c.id,
  UserName: c.userName,
  Status: c.status,
})

export const serviceCredentialOperations = defineOps({
  CreateServiceSpecificCredential(ctx, input) {
    authorizeUser(ctx, 'CreateServiceSpecificCredential', input.UserName)
    const account = accountOf(ctx)
    const user = requireUser(account, input.UserName)
    if (!SERVICES.has(input.ServiceName)) {
      throw new AwsServiceError('NotSupportedService', 404, `No such service ${input.ServiceName} is supported for Service-Specific Credentials`)
    }
    const all = extrasOf(account).serviceCredentials
    if (all.filter((c) => key(c.userName) === key(user.name) && c.serviceName === input.ServiceName).length >= MAX_SERVICE_CREDENTIALS) {
      throw new AwsServiceError('LimitExceeded', 409, `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${MAX_SERVICE_CREDENTIALS}`)
    }
    const c: ServiceCredentialEntity = {
      id: uniqueId('ACCA'),
      userName: user.name,
      serviceName: input.ServiceName,
      serviceUserName: `${user.name}-at-${account.id}`,
      status: 'Active',
      createDate: ctx.now,
    }
    all.push(c)
    return { ServiceSpecificCredential: withPassword(c) }
  },

  ListServiceSpecificCredentials(ctx, input) {
    const user = userOf(ctx, 'ListServiceSpecificCredentials', input.UserName)
    const mine = extrasOf(accountOf(ctx)).serviceCredentials.filter((c) => key(c.userName) === key(user) && (input.ServiceName === undefined || c.serviceName === input.ServiceName))
    const page = paginate(mine, (c) => c.id, input)
    return { ServiceSpecificCredentials: page.items.map(metadata), Marker: page.Marker, IsTruncated: page.IsTruncated }
  },

  ResetServiceSpecificCredential(ctx, input) {
    const user = userOf(ctx, 'ResetServiceSpecificCredential', input.UserName)
    return { ServiceSpecificCredential: withPassword(requireCredential(ctx, user, input.ServiceSpecificCredentialId)) }
  },

  UpdateServiceSpecificCredential(ctx, input) {
    const user = userOf(ctx, 'UpdateServiceSpecificCredential', input.UserName)
    const c = requireCredential(ctx, user, input.ServiceSpecificCredentialId)
    c.status = input.Status === 'Active' ? 'Active' : 'Inactive'
    return undefined
  },

  DeleteServiceSpecificCredential(ctx, input) {
    const user = userOf(ctx, 'DeleteServiceSpecificCredential', input.UserName)
    const c = requireCredential(ctx, user, input.ServiceSpecificCredentialId)
    const all = extrasOf(accountOf(ctx)).serviceCredentials
    all.splice(all.indexOf(c), 1)
    return undefined
  },
})
