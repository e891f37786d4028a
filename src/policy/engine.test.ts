import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compilePolicy, denialMessage, evaluate, explainDecision, policySize, referencedPrincipals } from './index.js'
import type { CompiledPolicyImpl } from './compiled.js'
import type { PolicySource } from './types.js'
import { P } from './cases/fixtures.js'

function source(doc: object, kind: 'identity' | 'boundary' | 'trust' | 'resource' | 'session' = 'identity', id = 'arn:aws:iam::123456789012:policy/P', name = 'P'): PolicySource {
  const r = compilePolicy(doc as Record<string, unknown>, kind)
  if (!r.ok) throw new Error(r.error.message)
  return { id, name, origin: 'user-managed', policy: r.policy }
}

describe('compilePolicy', () => {
  it('caches by text and by object identity, per kind', () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}'
    expect(compilePolicy(text, 'identity')).toBe(compilePolicy(text, 'identity'))
    expect(compilePolicy(text, 'identity')).not.toBe(compilePolicy(text, 'boundary'))
    const doc = JSON.parse(text)
    expect(compilePolicy(doc, 'identity')).toBe(compilePolicy(doc, 'identity'))
    expect(compilePolicy(doc, 'identity', { managed: true })).not.toBe(compilePolicy(doc, 'identity'))
  })

  it('exposes kind, version, statement count and the document', () => {
    const r = compilePolicy('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}', 'identity')
    expect(r.ok && { kind: r.policy.kind, version: r.policy.version, n: r.policy.statementCount, doc: r.policy.document.Statement !== undefined }).toEqual({ kind: 'identity', version: '2008-10-17', n: 2, doc: true })
  })

  it('indexes statements by service prefix (unrelated statements are never visited)', () => {
    const statements = Array.from({ length: 200 }, (_, i) => ({ Effect: 'Allow', Action: `svc${i}:Get*`, Resource: '*' }))
    statements.push({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', NotAction: 'iam:*', Resource: 'arn:aws:s3:::x' } as never)
    const r = compilePolicy({ Version: '2012-10-17', Statement: statements }, 'identity')
    const pol = (r.ok ? r.policy : undefined) as CompiledPolicyImpl
    expect(pol.candidates('s3').map((s) => s.index)).toEqual([200, 201])
    expect(pol.candidates('svc7').map((s) => s.index)).toEqual([7, 201])
    expect(pol.candidates('kms').map((s) => s.index)).toEqual([201])
  })

  it('indexes a large service bucket by resource prefix: only statements whose Resource can match are visited, in order', () => {
    const statements: object[] = Array.from({ length: 100 }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }))
    statements.push(
      { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::bucket-7/a/*', 'arn:aws:s3:::bucket-7/*'] }, // 100: two keys, both prefix the resource
      { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::bucket-1/*' }, // 101: NotResource, always checked
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::${aws:username}/*' }, // 102: variable, key arn:aws:s3:::
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket-7*' }, // 103: key arn:aws:s3:::
      { Effect: 'Allow', Action: 's3:*', Resource: '*' }, // 104
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:S3:::bucket-7/*' }, // 105: case differs, cannot match
      { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::bucket-70/*' }, // 106: NotAction, wild, key bucket-70/
    )
    const r = compilePolicy({ Version: '2012-10-17', Statement: statements }, 'identity')
    const pol = (r.ok ? r.policy : undefined) as CompiledPolicyImpl
    expect(pol.candidatesFor('s3', 'arn:aws:s3:::bucket-7/a/b').map((s) => s.index)).toEqual([7, 100, 101, 102, 103, 104])
    expect(pol.candidatesFor('s3', 'arn:aws:s3:::bucket-70/k').map((s) => s.index)).toEqual([70, 101, 102, 103, 104, 106])
    expect(pol.candidatesFor('s3', 'arn:aws:s3:::nothing').map((s) => s.index)).toEqual([101, 102, 103, 104])
    expect(pol.candidatesFor('s3', '*').map((s) => s.index)).toEqual([101, 104])
    expect(pol.candidatesFor('kms', 'arn:aws:s3:::bucket-70/k').map((s) => s.index)).toEqual([101, 104, 106].filter((i) => pol.candidates('kms').some((s) => s.index === i)))
  })

  it('decides exactly as without the resource index (property: one policy of many statements vs one policy per statement)', () => {
    const seg = fc.constantFrom('b1', 'b2', 'B1', 'b1x', 'a', '')
    const resourcePattern = fc.oneof(
      fc.tuple(seg, fc.constantFrom('', '/*', '/k*', '/k?', '*', '/${aws:username}/*', '/k')).map(([b, t]) => `arn:aws:s3:::${b}${t}`),
      fc.constantFrom('*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/k', 'arn:aws:s3:::b1:x', 'arn:aws:s3:::b?/k', 'arn:aws:s3:::b1/k/../k', 'arn:aws:iam::123456789012:user/*'),
    )
    const statement = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.constantFrom('s3:GetObject', 's3:*', 's3:Put*', '*'),
      Resource: fc.array(resourcePattern, { minLength: 1, maxLength: 3 }),
      not: fc.boolean(),
    })
    const resource = fc.tuple(seg, fc.constantFrom('', '/k', '/k/x', '/jill/k', '/kk', ':x', '/')).map(([b, t]) => `arn:aws:s3:::${b}${t}`)
    fc.assert(
      fc.property(fc.array(statement, { minLength: 17, maxLength: 60 }), fc.oneof(resource, fc.constant('*')), fc.constantFrom('s3:GetObject', 's3:PutObject'), (sts, res, action) => {
        const docs = sts.map((s, i) => {
          const st: Record<string, unknown> = { Sid: `S${i}`, Effect: s.not && s.Effect === 'Allow' ? 'Deny' : s.Effect, Action: s.Action }
          st[s.not ? 'NotResource' : 'Resource'] = s.Resource
          return st
        })
        const request = { principal: P.jill, action, resource: res, context: {} }
        const whole = evaluate({ request, identityPolicies: [source({ Version: '2012-10-17', Statement: docs })] })
        const split = evaluate({ request, identityPolicies: docs.map((d, i) => source({ Version: '2012-10-17', Statement: [d] }, 'identity', `p${i}`, `p${i}`)) })
        expect(whole.decision).toBe(split.decision)
        expect(whole.matched.map((m) => m.sid)).toEqual(split.matched.map((m) => m.sid))
      }),
      { numRuns: 300 },
    )
  })
})

describe('resource index against the unindexed reference', () => {
  // Keys nest (b1/, b1/k/, b1/k/x/), patterns carry `*`, `?`, policy variables and case changes,
  // statements use NotResource, NotAction and conditions; several requests share one compiled
  // policy, so the per-key candidate lists are built by one resource and reused by the next.
  const seg = fc.constantFrom('b1', 'b2', 'B1', 'b1x', 'a', 'jill', '')
  const tail = fc.constantFrom('', '/', '/*', '/k', '/k/', '/k/*', '/k/x', '/k/x/*', '/k?', '/k*', '/?/x', '*', ':x', '/${aws:username}/*', '/${aws:username}', '/k/${aws:PrincipalTag/team}/*', '/${aws:username}*')
  const resourcePattern = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(seg, tail).map(([b, t]) => `arn:aws:s3:::${b}${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/k', 'arn:aws:s3:::b?/k', 'arn:aws:s3:::b1/k/../k', 'arn:aws:iam::123456789012:user/*', 'arn:aws:s3:::b1/*/x', 'arn:aws:s3:::b1/k/x:y') },
  )
  const condition = fc.constantFrom(
    undefined,
    { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
    { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
    { StringLike: { 's3:prefix': 'home/*' } },
    { Bool: { 'aws:SecureTransport': 'true' } },
    { StringEqualsIfExists: { 'aws:RequestedRegion': 'us-east-1' } },
  )
  const statement = fc.record({
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.oneof(fc.constantFrom('s3:GetObject', 's3:*', 's3:Put*', '*', 's3:Get?bject', 'iam:*'), fc.constant(['s3:GetObject', 'iam:GetUser'])),
    notAction: fc.boolean(),
    Resource: fc.array(resourcePattern, { minLength: 1, maxLength: 3 }),
    notResource: fc.boolean(),
    Condition: condition,
  })
  const resource = fc.oneof(fc.tuple(seg, fc.constantFrom('', '/', '/k', '/k/', '/k/x', '/k/x/y', '/jill/k', '/blue/k', '/k/blue/z', '/kk', ':x', '/k?', '/Q/x')).map(([b, t]) => `arn:aws:s3:::${b}${t}`), fc.constantFrom('*', 'arn:aws:iam::123456789012:user/jill'))
  const docOf = (s: { Effect: string; Action: unknown; notAction: boolean; Resource: string[]; notResource: boolean; Condition: unknown }, i: number) => {
    const st: Record<string, unknown> = { Sid: `S${i}`, Effect: s.notResource && s.Effect === 'Allow' ? 'Deny' : s.Effect }
    st[s.notAction ? 'NotAction' : 'Action'] = s.Action
    st[s.notResource ? 'NotResource' : 'Resource'] = s.Resource
    if (s.Condition) st.Condition = s.Condition
    return st
  }

  it('decides and lists matches exactly as one policy per statement (never indexed) on random policies and requests', () => {
    const principal = { ...P.jill, tags: { team: 'blue' } }
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 17, maxLength: 70 }),
        fc.array(fc.tuple(resource, fc.constantFrom('s3:GetObject', 's3:PutObject', 'iam:GetUser'), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (sts, requests) => {
          const docs = sts.map(docOf)
          const whole = source({ Version: '2012-10-17', Statement: docs })
          const split = docs.map((d, i) => source({ Version: '2012-10-17', Statement: [d] }, 'identity', `p${i}`, `p${i}`))
          for (const [res, action, tls] of requests) {
            const request = { principal, action, resource: res, context: { 'aws:SecureTransport': tls, 's3:prefix': 'home/x' } }
            const a = evaluate({ request, identityPolicies: [whole] })
            const b = evaluate({ request, identityPolicies: split })
            expect(a.decision).toBe(b.decision)
            expect(a.by).toBe(b.by)
            expect(a.matched.map((m) => [m.sid, m.effect])).toEqual(b.matched.map((m) => [m.sid, m.effect]))
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('gives the same candidates for a resource whatever resource was looked up before (per-key lists are shared)', () => {
    const statements: object[] = Array.from({ length: 20 }, (_, i) => ({ Sid: `B${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }))
    statements.push(
      { Sid: 'Nested', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-3/a/b/*' },
      { Sid: 'Mid', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-3/a/*' },
      { Sid: 'Any', Effect: 'Allow', Action: 's3:*', Resource: '*' },
    )
    const r = compilePolicy({ Version: '2012-10-17', Statement: statements }, 'identity')
    const pol = (r.ok ? r.policy : undefined) as CompiledPolicyImpl
    const ids = (res: string) => pol.candidatesFor('s3', res).map((s) => s.sid)
    for (let round = 0; round < 2; round++) {
      expect(ids('arn:aws:s3:::bucket-3/a/b/c')).toEqual(['B3', 'Nested', 'Mid', 'Any'])
      expect(ids('arn:aws:s3:::bucket-3/a/x')).toEqual(['B3', 'Mid', 'Any'])
      expect(ids('arn:aws:s3:::bucket-3/z')).toEqual(['B3', 'Any'])
      expect(ids('arn:aws:s3:::bucket-3/a/b/')).toEqual(['B3', 'Nested', 'Mid', 'Any'])
      expect(ids('arn:aws:s3:::bucket-30/a/b/c')).toEqual(['Any'])
      expect(ids('arn:aws:s3:::bucket-1/k')).toEqual(['B1', 'Any'])
    }
  })
})

describe('evaluate results', () => {
  const request = { principal: P.jill, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:SourceIp': '10.0.0.1' } }
  const identity = source({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'List', Effect: 'Allow', Action: 's3:List*', Resource: '*' },
      { Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } },
      { Sid: 'Mfa', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ],
  })

  it('explains misses lazily and serialises every field', () => {
    const d = evaluate({ request, identityPolicies: [identity] })
    expect(d.decision).toBe('ImplicitDeny')
    expect(d.by).toBe('identity')
    expect(d.matched).toEqual([])
    expect(d.misses.map((m) => [m.sid, m.reason])).toEqual([
      ['List', 'action'],
      ['Get', 'condition'],
      ['Mfa', 'condition'],
    ])
    expect(d.misses[1].detail).toBe('condition StringEquals aws:PrincipalTag/team: request has no value')
    expect(d.missingContextKeys).toEqual(['aws:PrincipalTag/team', 'aws:MultiFactorAuthPresent'])
    const json = JSON.parse(JSON.stringify(d))
    expect(Object.keys(json).sort()).toEqual(['by', 'decision', 'matched', 'misses', 'missingContextKeys', 'summary'])
    expect(json.summary).toBe('ImplicitDeny: no identity-based policy allows s3:GetObject on arn:aws:s3:::b/k')
  })

  it('explainDecision lists matched and missed statements', () => {
    const d = evaluate({ request: { ...request, principal: P.taggedJill }, identityPolicies: [identity] })
    expect(d.decision).toBe('Allowed')
    const text = explainDecision(d)
    expect(text).toBe(
      [
        'Allowed: statement "Get" (#2) of identity-based policy "P" allows s3:GetObject on arn:aws:s3:::b/k for arn:aws:iam::123456789012:user/jill',
        '  matched:',
        '    - Allow statement "Get" (#2) of identity-based policy "P"',
        '  did not match:',
        '    - Allow statement "List" (#1) of identity-based policy "P": action s3:GetObject is not in Action [s3:List*]',
        '    - Deny statement "Mfa" (#3) of identity-based policy "P": condition Bool aws:MultiFactorAuthPresent: request has no value',
        '  context keys referenced but absent: aws:MultiFactorAuthPresent',
      ].join('\n'),
    )
  })

  it('denialMessage can append the denying managed policy ARN', () => {
    const deny = source({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:CreateInstanceProfile', Resource: '*' }] }, 'identity', 'arn:aws:iam::123456789012:policy/ExampleDenyPolicy', 'ExampleDenyPolicy')
    const req = { principal: P.jill, action: 'iam:CreateInstanceProfile', resource: 'arn:aws:iam::123456789012:instance-profile/my-instance-profile' }
    const d = evaluate({ request: req, identityPolicies: [deny] })
    expect(denialMessage(d, req, 'query', { policyArn: true })).toBe(
      'User: arn:aws:iam::123456789012:user/jill is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/my-instance-profile with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/ExampleDenyPolicy',
    )
  })

  it('an explicit context value overrides and an explicit undefined removes a derived key', () => {
    const pol = source({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:username': 'jill' } } }] })
    expect(evaluate({ request: { ...request, context: { 'aws:username': undefined } }, identityPolicies: [pol] }).decision).toBe('ImplicitDeny')
    expect(evaluate({ request, identityPolicies: [pol] }).decision).toBe('Allowed')
  })
})

describe('policySize', () => {
  it('does not count whitespace outside strings', () => {
    const compact = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}'
    const pretty = JSON.stringify(JSON.parse(compact), null, 4)
    expect(policySize(pretty)).toBe(compact.length)
    expect(policySize(JSON.parse(compact))).toBe(compact.length)
  })

  it('counts whitespace inside strings and escapes as written', () => {
    expect(policySize('{ "Sid" : "a b" }')).toBe('{"Sid":"a b"}'.length)
    expect(policySize('{"a":"\\" x"}')).toBe(12)
  })
})

describe('referencedPrincipals', () => {
  it('lists AWS, Service and Federated principals once, without *', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:user/a', '111122223333'], Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/a' }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com', AWS: '*' }, Action: 'sts:AssumeRoleWithWebIdentity' },
      ],
    }
    expect(referencedPrincipals(doc)).toEqual({
      aws: ['arn:aws:iam::111122223333:user/a', '111122223333'],
      service: ['ec2.amazonaws.com'],
      federated: ['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'],
    })
    expect(referencedPrincipals(JSON.stringify(doc)).aws).toHaveLength(2)
    expect(referencedPrincipals('not json')).toEqual({ aws: [], service: [], federated: [] })
  })
})

describe('CanonicalUser principals', () => {
  it('a bucket grant to a canonical user id matches a caller with that id', () => {
    const id = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'
    const bucket = source({ Version: '2012-10-17', Statement: [{ Sid: 'Oai', Effect: 'Allow', Principal: { CanonicalUser: id }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, 'resource')
    const req = (canonicalUserId?: string) => ({ principal: { ...P.carol, canonicalUserId }, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '123456789012' })
    const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }
    expect(evaluate({ request: req(id), identityPolicies: [source(allow)], resourcePolicy: bucket }).decision).toBe('Allowed')
    expect(evaluate({ request: req(), identityPolicies: [source(allow)], resourcePolicy: bucket }).by).toBe('resource')
  })
})

describe('federated principals', () => {
  it('a web identity caller matches a Federated principal', () => {
    const trust = source({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] }, 'trust')
    const caller = { type: 'Anonymous' as const, arn: '*', accountId: '', userId: 'web', identityProvider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }
    const d = evaluate({ request: { principal: caller, action: 'sts:AssumeRoleWithWebIdentity', resource: 'arn:aws:iam::123456789012:role/Gh', resourceAccount: '123456789012' }, identityPolicies: [], trustPolicy: trust })
    expect([d.decision, d.by]).toEqual(['Allowed', 'trust'])
  })
})
