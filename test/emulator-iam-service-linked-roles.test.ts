import {
  AttachRolePolicyCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteServiceLinkedRoleCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure, userClients } from './emulator-helpers.js'

/** Expectations recorded from real AWS (an Auto Scaling service-linked role with a custom suffix). */
const ACCOUNT = '123456789012'
const NAME = 'AWSServiceRoleForAutoScaling_lab'
const PROTECTED = `Cannot perform the operation on the protected role '${NAME}' - this role is only modifiable by AWS`

describe('service-linked roles through SDK v3', () => {
  it('creates the role under /aws-service-role/<service>/ trusting the service', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const role = (await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'lab' }))).Role!
    expect([role.Path, role.RoleName, role.Arn]).toEqual([
      '/aws-service-role/autoscaling.amazonaws.com/',
      NAME,
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/${NAME}`,
    ])
    expect(role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/)
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'autoscaling.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    })
    expect(await failure(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'lab' })))).toEqual({
      name: 'InvalidInputException', status: 400, message: `Service role name ${NAME} has been taken in this account, please try a different suffix.`,
    })
    expect(await failure(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com', CustomSuffix: 'lab' })))).toEqual({
      name: 'InvalidInputException', status: 400, message: 'Custom suffix is not allowed for ecs.amazonaws.com',
    })
    const ecs = (await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com', Description: 'd' }))).Role!
    expect([ecs.RoleName, ecs.Description]).toEqual(['AWSServiceRoleForECS', 'd'])
  })

  it('refuses ordinary edits and deletion with UnmodifiableEntity, as AWS does', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'lab' }))
    const refused = async (p: Promise<unknown>) => failure(p)
    const policy = doc([{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }])
    for (const p of [
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: NAME, PolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'autoscaling.amazonaws.com' }, Action: 'sts:AssumeRole' }]) })),
      iam.send(new PutRolePolicyCommand({ RoleName: NAME, PolicyName: 'p', PolicyDocument: policy })),
      iam.send(new AttachRolePolicyCommand({ RoleName: NAME, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
      iam.send(new DeleteRolePolicyCommand({ RoleName: NAME, PolicyName: 'absent' })),
      iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: NAME, PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
      iam.send(new DeleteRoleCommand({ RoleName: NAME })),
    ]) {
      expect(await refused(p)).toEqual({ name: 'UnmodifiableEntityException', status: 400, message: PROTECTED })
    }
    expect(await failure(iam.send(new UpdateRoleCommand({ RoleName: NAME, MaxSessionDuration: 7200 })))).toEqual({
      name: 'UnmodifiableEntityException', status: 400, message: `${NAME} is an AWS service linked role, max session duration cannot be changed.`,
    })
    // Descriptions and tags may change.
    await iam.send(new UpdateRoleDescriptionCommand({ RoleName: NAME, Description: 'new' }))
    await iam.send(new UpdateRoleCommand({ RoleName: NAME, Description: 'newer' }))
    await iam.send(new TagRoleCommand({ RoleName: NAME, Tags: [{ Key: 'k', Value: 'v' }] }))
    expect((await iam.send(new GetRoleCommand({ RoleName: NAME }))).Role!.Description).toBe('newer')
  })

  it('is deleted through DeleteServiceLinkedRole, with a deletion task to poll', async () => {
    let now = Date.now()
    const em = createEmulator({ clock: { now: () => now }, consistencyDelayMs: 1000 })
    const { iam } = clients(em, em.root)
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'lab' }))
    const task = (await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: NAME }))).DeletionTaskId!
    expect(task).toMatch(new RegExp(`^task/aws-service-role/autoscaling\\.amazonaws\\.com/${NAME}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: task }))).Status).toBe('IN_PROGRESS')
    now += 1000
    expect((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: task }))).Status).toBe('SUCCEEDED')
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: NAME })))).toMatchObject({ name: 'NoSuchEntityException', message: `The role with name ${NAME} cannot be found.` })
    const unknown = `task/aws-service-role/autoscaling.amazonaws.com/${NAME}/00000000-0000-0000-0000-000000000000`
    expect(await failure(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: unknown })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: 'Cannot find deletion status for given id.',
    })
    expect(await failure(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'not-a-task' })))).toEqual({
      name: 'InvalidInputException', status: 400, message: 'Invalid task id',
    })
  })

  it('authorizes on the role ARN with iam:AWSServiceName', async () => {
    const em = createEmulator()
    const bob = await userClients(em, 'bob', [
      { Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: '*', Condition: { StringEquals: { 'iam:AWSServiceName': 'ecs.amazonaws.com' } } },
    ])
    await bob.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }))
    expect(await failure(bob.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'rds.amazonaws.com' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${bob.arn} is not authorized to perform: iam:CreateServiceLinkedRole on resource: arn:aws:iam::${ACCOUNT}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS because no identity-based policy allows the iam:CreateServiceLinkedRole action`,
    })
  })
})
