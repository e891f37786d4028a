import { IAMClient } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator, createInMemoryHandler } from '../../emulator/index.js'
import type { AwsClients } from '../define-action.js'
import { createInstanceProfile } from './create-instance-profile.js'
import { withSdkCall } from '../sdk-modules.js'

function iamOnly(): AwsClients {
  const em = createEmulator()
  const iam = new IAMClient({ region: 'us-east-1', endpoint: 'http://localhost:4566', credentials: em.root, requestHandler: createInMemoryHandler(em), maxAttempts: 1 })
  return withSdkCall({ iam } as any)
}

describe('iam.createInstanceProfile', () => {
  it('is undone by iam.deleteInstanceProfile, named from the input (a dry run shows it)', () => {
    expect(createInstanceProfile.undo!({ InstanceProfileName: 'web' }, { $metadata: {} } as never)).toEqual({ action: 'iam.deleteInstanceProfile', input: { InstanceProfileName: 'web' } })
  })

  it('runs against the emulator and returns the profile with its AIPA id', async () => {
    const out = await createInstanceProfile.run({ clients: iamOnly() }, { InstanceProfileName: 'web', Path: '/app/', Tags: [{ Key: 'k', Value: 'v' }] })
    expect(out.InstanceProfile).toMatchObject({ InstanceProfileName: 'web', Arn: 'arn:aws:iam::123456789012:instance-profile/app/web', Roles: [], Tags: [{ Key: 'k', Value: 'v' }] })
    expect(out.InstanceProfile!.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/)
  })

  it('finds tagged profiles for cleanup --by-tag', () => {
    const item = { InstanceProfileName: 'web' }
    expect(createInstanceProfile.sweep!.tags(item)).toEqual({ action: 'iam.listInstanceProfileTags', input: { InstanceProfileName: 'web' } })
    expect(createInstanceProfile.sweep!.undo(item)).toEqual({ action: 'iam.deleteInstanceProfile', input: { InstanceProfileName: 'web' } })
  })
})
