import { describe, expect, it } from 'vitest'
import { maxNameLength, memberKind } from './name-members.js'
import { listActions } from './registry.js'

/** `--unique-names` reads which names an action creates from the action itself (`createsName`). */
describe('createsName on the registry', () => {
  const checked = listActions()

  it('every action that creates a thing named in a shared namespace says which member names it', () => {
    expect(checked.filter((a) => a.createsName).map((a) => [a.name, a.createsName!.member, a.createsName!.kind])).toEqual([
      ['iam.createGroup', 'GroupName', 'group'],
      ['iam.createInstanceProfile', 'InstanceProfileName', 'instance-profile'],
      ['iam.createOpenIDConnectProvider', 'Url', 'oidc-provider'],
      ['iam.createPolicy', 'PolicyName', 'policy'],
      ['iam.createRole', 'RoleName', 'role'],
      ['iam.createSAMLProvider', 'Name', 'saml-provider'],
      ['iam.createUser', 'UserName', 'user'],
      ['iam.createVirtualMFADevice', 'VirtualMFADeviceName', 'mfa'],
      ['s3.createBucket', 'Bucket', 'bucket'],
    ])
  })

  it('a create* action without it makes something inside a renamed thing (a key, a login profile, a policy version)', () => {
    const rest = checked.filter((a) => a.creates && !a.createsName && /^[a-z0-9]+\.create/.test(a.name)).map((a) => a.name)
    expect(rest).toEqual(['iam.createAccessKey', 'iam.createLoginProfile', 'iam.createPolicyVersion'])
  })

  it('the member is in the input, required, and has a length limit (AWS model, or the S3 naming rules)', () => {
    for (const a of checked.filter((x) => x.createsName)) {
      const props = a.input.properties as Record<string, unknown>
      expect(Object.hasOwn(props, a.createsName!.member), a.name).toBe(true)
      expect(a.input.required, a.name).toContain(a.createsName!.member)
      expect(a.creates, a.name).toBe(true)
    }
    const limits = Object.fromEntries(checked.filter((x) => x.createsName).map((a) => [a.name, maxNameLength(a, a.createsName!)]))
    expect(limits).toEqual({
      'iam.createGroup': 128,
      'iam.createInstanceProfile': 128,
      'iam.createOpenIDConnectProvider': 255,
      'iam.createPolicy': 128,
      'iam.createRole': 64,
      'iam.createSAMLProvider': 128,
      'iam.createUser': 64,
      'iam.createVirtualMFADevice': undefined, // AWS's model states no maximum
      's3.createBucket': 63,
    })
  })

  it('PolicyName is not a name member everywhere (it names inline policies elsewhere)', () => {
    expect(memberKind('PolicyName')).toBeUndefined()
    expect(memberKind('UserName')).toBe('user')
    expect(memberKind('toString')).toBeUndefined()
  })
})
