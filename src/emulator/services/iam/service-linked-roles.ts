import { randomUUID } from 'node:crypto'
import { arns } from '../../arn.js'
import { uniqueId } from '../../ids.js'
import type { AccountState, RoleEntity } from '../../state/model.js'
import { AwsServiceError, type OpContext } from '../types.js'
import { authorize, authorizeRole } from './access.js'
import { extrasOf } from './account-extras.js'
import { awsManagedPolicy } from './aws-managed.js'
import { defineOps } from './define-ops.js'
import { roleOut } from './output.js'
import { profilesOfRole } from './instance-profiles.js'
import { rewritePrincipalEverywhere } from './principal-rewrite.js'
import { SERVICE_ROLE_PATH, isServiceLinkedPath } from './protected-roles.js'
import { DEFAULT_MAX_SESSION_DURATION } from './roles.js'
import { accountOf, effectiveAt, findRole, key, requireRole } from './store.js'
import { noteEntity } from './usage.js'

/**
 * Service-linked roles (IAM User Guide, "Using service-linked roles"): created by
 * CreateServiceLinkedRole under `/aws-service-role/<service>/`, named `AWSServiceRoleFor...`,
 * trusting the service, with the service's AWS managed policy attached; deleted only through
 * DeleteServiceLinkedRole, which answers a deletion task to poll. Behaviour recorded from real
 * AWS (Auto Scaling role with a custom suffix): the duplicate and suffix messages, the
 * UnmodifiableEntity answers (protected-roles.ts) and the task ids.
 */

interface ServiceInfo {
  /** `AWSServiceRoleFor<suffix>`. */
  roleName: string
  /** The AWS managed policy under `/aws-service-role/` attached to the role. */
  policy?: string
  customSuffix: boolean
}

/** Services whose role name and policy are documented (each service's User Guide). */
const SERVICES = new Map<string, ServiceInfo>([
  ['autoscaling.amazonaws.com', { roleName: 'AWSServiceRoleForAutoScaling', policy: 'AutoScalingServiceRolePolicy', customSuffix: true }],
  ['ecs.amazonaws.com', { roleName: 'AWSServiceRoleForECS', policy: 'AmazonECSServiceRolePolicy', customSuffix: false }],
  ['elasticloadbalancing.amazonaws.com', { roleName: 'AWSServiceRoleForElasticLoadBalancing', policy: 'AWSElasticLoadBalancingServiceRolePolicy', customSuffix: false }],
  ['rds.amazonaws.com', { roleName: 'AWSServiceRoleForRDS', policy: 'AmazonRDSServiceRolePolicy', customSuffix: false }],
  ['spot.amazonaws.com', { roleName: 'AWSServiceRoleForEC2Spot', policy: 'AWSEC2SpotServiceRolePolicy', customSuffix: false }],
  ['support.amazonaws.com', { roleName: 'AWSServiceRoleForSupport', policy: 'AWSSupportServiceRolePolicy', customSuffix: false }],
  ['trustedadvisor.amazonaws.com', { roleName: 'AWSServiceRoleForTrustedAdvisor', policy: 'AWSTrustedAdvisorServiceRolePolicy', customSuffix: false }],
  ['eks.amazonaws.com', { roleName: 'AWSServiceRoleForAmazonEKS', policy: 'AmazonEKSServiceRolePolicy', customSuffix: false }],
  ['organizations.amazonaws.com', { roleName: 'AWSServiceRoleForOrganizations', policy: 'AWSOrganizationsServiceTrustPolicy', customSuffix: false }],
  ['config.amazonaws.com', { roleName: 'AWSServiceRoleForConfig', policy: 'AWSConfigServiceRolePolicy', customSuffix: false }],
  ['cloudtrail.amazonaws.com', { roleName: 'AWSServiceRoleForCloudTrail', policy: 'CloudTrailServiceRolePolicy', customSuffix: false }],
  ['apigateway.amazonaws.com', { roleName: 'AWSServiceRoleForAPIGateway', policy: 'APIGatewayServiceRolePolicy', customSuffix: false }],
  ['elasticbeanstalk.amazonaws.com', { roleName: 'AWSServiceRoleForElasticBeanstalk', policy: 'AWSElasticBeanstalkServiceRolePolicy', customSuffix: false }],
  ['guardduty.amazonaws.com', { roleName: 'AWSServiceRoleForAmazonGuardDuty', policy: 'AmazonGuardDutyServiceRolePolicy', customSuffix: false }],
])

/**
 * Another `<name>.amazonaws.com` service: AWS's naming pattern with the first label
 * capitalised (an approximation: each service picks its own name), no policy, no suffix.
 */
function serviceInfo(service: string): ServiceInfo {
  const known = SERVICES.get(service)
  if (known) return known
  const m = /^([a-z0-9][a-z0-9-]*)\.amazonaws\.com$/.exec(service)
  if (!m) throw new AwsServiceError('InvalidInput', 400, `Invalid service name: ${service}`)
  const label = m[1]!.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  return { roleName: `AWSServiceRoleFor${label}`, customSuffix: false }
}

const trustFor = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] })

const TASK = /^task\/aws-service-role\/([^/]+)\/([^/]+)\/[0-9a-f-]{36}$/

function roleArnOfTask(account: string, taskId: string): string | undefined {
  const m = TASK.exec(taskId)
  return m ? arns.role(account, `${SERVICE_ROLE_PATH}${m[1]}/`, m[2]!) : undefined
}

function removeRole(ctx: OpContext, account: AccountState, role: RoleEntity): void {
  account.roles.delete(key(role.name))
  noteEntity(account, role, -1)
  rewritePrincipalEverywhere(ctx.state, role.arn, role.id)
}

export const serviceLinkedRoleOperations = defineOps({
  CreateServiceLinkedRole(ctx, input) {
    const account = accountOf(ctx)
    const service = input.AWSServiceName
    let info: ServiceInfo
    try {
      info = serviceInfo(service)
    } catch (err) {
      // Authorization comes first: without a role name there is no role ARN yet.
      authorize(ctx, 'CreateServiceLinkedRole', '*', { 'iam:AWSServiceName': service })
      throw err
    }
    const path = `${SERVICE_ROLE_PATH}${service}/`
    const name = input.CustomSuffix === undefined ? info.roleName : `${info.roleName}_${input.CustomSuffix}`
    const arn = arns.role(account.id, path, name)
    authorize(ctx, 'CreateServiceLinkedRole', arn, { 'iam:AWSServiceName': service })
    if (input.CustomSuffix !== undefined && !info.customSuffix) throw new AwsServiceError('InvalidInput', 400, `Custom suffix is not allowed for ${service}`)
    if (findRole(account, name)) {
      throw new AwsServiceError('InvalidInput', 400, `Service role name ${name} has been taken in this account, please try a different suffix.`)
    }
    const role: RoleEntity = {
      name,
      id: uniqueId('AROA'),
      arn,
      path,
      createDate: ctx.now,
      trustPolicy: trustFor(service),
      trustEffectiveAt: effectiveAt(ctx),
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      tags: [],
      inline: [],
      attached: [],
    }
    if (input.Description !== undefined) role.description = input.Description
    const policyArn = info.policy ? `arn:aws:iam::aws:policy${SERVICE_ROLE_PATH}${info.policy}` : undefined
    // Only policies the emulator has a document for are attached (see the managed-policy data).
    if (policyArn && awsManagedPolicy(policyArn, account)) {
      role.attached.push({ arn: policyArn, effectiveAt: effectiveAt(ctx) })
    }
    account.roles.set(key(name), role)
    noteEntity(account, role, 1)
    return { Role: roleOut(role, 'create') }
  },

  DeleteServiceLinkedRole(ctx, input) {
    authorizeRole(ctx, 'DeleteServiceLinkedRole', input.RoleName)
    const account = accountOf(ctx)
    const role = requireRole(account, input.RoleName)
    if (!isServiceLinkedPath(role.path)) throw new AwsServiceError('InvalidInput', 400, `Role ${role.name} is not a service linked role.`)
    const service = role.path.slice(SERVICE_ROLE_PATH.length, -1)
    const id = `task/aws-service-role/${service}/${role.name}/${randomUUID()}`
    // The emulator runs no resources that use the role: the deletion always succeeds, once the
    // consistency delay has passed (IN_PROGRESS until then, as AWS answers at first).
    for (const p of profilesOfRole(account, role.name)) p.roles = p.roles.filter((r) => r !== key(role.name))
    removeRole(ctx, account, role)
    extrasOf(account).deletionTasks.push({ id, status: 'SUCCEEDED', createDate: effectiveAt(ctx) })
    return { DeletionTaskId: id }
  },

  GetServiceLinkedRoleDeletionStatus(ctx, input) {
    const account = accountOf(ctx)
    const roleArn = roleArnOfTask(account.id, input.DeletionTaskId)
    authorize(ctx, 'GetServiceLinkedRoleDeletionStatus', roleArn ?? '*')
    if (!roleArn) throw new AwsServiceError('InvalidInput', 400, 'Invalid task id')
    const task = account.iam?.deletionTasks?.find((t) => t.id === input.DeletionTaskId)
    if (!task) throw new AwsServiceError('NoSuchEntity', 404, 'Cannot find deletion status for given id.')
    return { Status: ctx.now >= task.createDate ? task.status : 'IN_PROGRESS' }
  },
})
