import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure, userClients } from './emulator-helpers.js'

const ACCOUNT = '123456789012'
const EC2_TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }])

describe('instance profiles through SDK v3', () => {
  it('creates, lists, holds one role, tags, and refuses deletes AWS refuses', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const created = (await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/', Tags: [{ Key: 'env', Value: 'dev' }] }))).InstanceProfile!
    expect(created.Arn).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/app/web`)
    expect(created.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/)
    expect(created.Roles).toEqual([])
    expect(created.Tags).toEqual([{ Key: 'env', Value: 'dev' }])
    expect(await failure(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'WEB' })))).toEqual({
      name: 'EntityAlreadyExistsException', status: 409, message: 'Instance Profile WEB already exists.',
    })

    await iam.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: EC2_TRUST }))
    await iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: EC2_TRUST }))
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }))
    expect(await failure(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'other' })))).toEqual({
      name: 'LimitExceededException', status: 409, message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    })
    const got = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }))).InstanceProfile!
    expect(got.Roles!.map((r) => [r.RoleName, r.RoleId!.slice(0, 4)])).toEqual([['web-role', 'AROA']])
    expect(decodeURIComponent(got.Roles![0]!.AssumeRolePolicyDocument!)).toBe(EC2_TRUST)
    // Untagged: GetInstanceProfile answers an empty Tags list, as AWS does (issue 16 item 8; recorded:
    // LocalStack tests/aws/services/iam/test_iam_instance_profiles.snapshot.json, b04c14c,
    // test_instance_profile_lifecycle get-instance-profile `"Tags": []`, 2026-02-12).
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'bare' }))
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'bare' }))).InstanceProfile!.Tags).toEqual([])
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'bare' }))
    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web-role' }))
    expect(forRole.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['web'])
    expect((await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'other' }))).InstanceProfiles).toEqual([])

    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'web-role' })))).toEqual({
      name: 'DeleteConflictException', status: 409, message: 'Cannot delete entity, must remove roles from instance profile first.',
    })
    expect(await failure(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })))).toEqual({
      name: 'DeleteConflictException', status: 409, message: 'Cannot delete entity, must remove roles from instance profile first.',
    })

    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'batch' }))
    const all = await iam.send(new ListInstanceProfilesCommand({ MaxItems: 1 }))
    expect([all.InstanceProfiles!.map((p) => p.InstanceProfileName), all.IsTruncated]).toEqual([['batch'], true])
    const next = await iam.send(new ListInstanceProfilesCommand({ Marker: all.Marker }))
    expect([next.InstanceProfiles!.map((p) => p.InstanceProfileName), next.IsTruncated]).toEqual([['web'], false])
    expect((await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/app/' }))).InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(['web'])

    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'web', Tags: [{ Key: 'team', Value: 'a' }] }))
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'web', TagKeys: ['env'] }))
    expect((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'web' }))).Tags).toEqual([{ Key: 'team', Value: 'a' }])

    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }))
    expect(await failure(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' })))).toMatchObject({ name: 'NoSuchEntityException', status: 404 })
    await iam.send(new DeleteRoleCommand({ RoleName: 'web-role' }))
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }))
    expect(await failure(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' })))).toEqual({
      name: 'NoSuchEntityException', status: 404, message: 'Instance Profile web cannot be found.',
    })
  })

  it('authorizes on the instance-profile ARN, and AddRoleToInstanceProfile needs iam:PassRole on the role', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/' }))
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: EC2_TRUST }))
    const bob = await userClients(em, 'bob', [{ Effect: 'Allow', Action: 'iam:AddRoleToInstanceProfile', Resource: '*' }])
    const noCreate = await failure(bob.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'x', Path: '/p/' })))
    expect(noCreate).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${bob.arn} is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::${ACCOUNT}:instance-profile/p/x because no identity-based policy allows the iam:CreateInstanceProfile action`,
    })
    const noGet = await failure(bob.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' })))
    expect(noGet.message).toContain(`iam:GetInstanceProfile on resource: instance profile web `)
    const noPass = await failure(bob.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'r' })))
    expect(noPass.message).toBe(
      `User: ${bob.arn} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/r because no identity-based policy allows the iam:PassRole action`,
    )
    const carol = await userClients(em, 'carol', [{ Effect: 'Allow', Action: ['iam:AddRoleToInstanceProfile', 'iam:PassRole'], Resource: '*' }])
    await carol.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'r' }))
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }))).InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual(['r'])
  })
})
