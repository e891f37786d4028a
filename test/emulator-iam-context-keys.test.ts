import { CreateUserCommand, GetContextKeysForCustomPolicyCommand, GetContextKeysForPrincipalPolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/emulator/index.js'
import { clients, doc, failure, userClients } from './emulator-helpers.js'

const ACCOUNT = '123456789012'

describe('GetContextKeysFor*Policy through SDK v3', () => {
  it('lists condition keys and policy-variable keys once each, in first-seen order', async () => {
    const em = createEmulator()
    const { iam } = clients(em, em.root)
    const custom = doc([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' }, StringNotEquals: { 'AWS:SourceIp': 'x', 's3:prefix': '${aws:PrincipalTag/team}' } } },
    ])
    const out = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [custom] }))
    expect(out.ContextKeyNames).toEqual(['aws:username', 'aws:SourceIp', 'aws:MultiFactorAuthPresent', 's3:prefix', 'aws:PrincipalTag/team'])
    expect(await failure(iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: ['{nope'] })))).toMatchObject({ name: 'InvalidInputException', status: 400 })

    await iam.send(new CreateUserCommand({ UserName: 'u' }))
    await iam.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'p', PolicyDocument: doc([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'ec2:Region': 'eu-west-1' } } }]) }))
    const principal = await iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/u`, PolicyInputList: [custom] }))
    expect(principal.ContextKeyNames).toEqual(['ec2:Region', 'aws:username', 'aws:SourceIp', 'aws:MultiFactorAuthPresent', 's3:prefix', 'aws:PrincipalTag/team'])
    expect(await failure(iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/ghost` })))).toMatchObject({
      name: 'NoSuchEntityException', message: 'The user with name ghost cannot be found.',
    })
  })

  it('authorizes GetContextKeysForPrincipalPolicy on the principal ARN', async () => {
    const em = createEmulator()
    const bob = await userClients(em, 'bob')
    expect((await failure(bob.iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: bob.arn })))).message).toBe(
      `User: ${bob.arn} is not authorized to perform: iam:GetContextKeysForPrincipalPolicy on resource: ${bob.arn} because no identity-based policy allows the iam:GetContextKeysForPrincipalPolicy action`,
    )
  })
})
