import { afterEach, describe, expect, it } from 'vitest'
import { describeDecision } from '../src/engine/run/because.js'
import { failureDetails } from '../src/reporters/format.js'
import { loadScenarioText } from '../src/scenario/load.js'
import { formatWarning, scenarioWarnings } from '../src/scenario/warnings.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { iamflow } from './cli-helpers.js'
import { cleanTmp, runText, tmp } from './runner-helpers.js'

afterEach(cleanTmp)

const TAGGED = `
name: near-miss
steps:
  - id: user
    action: iam.createUser
    input: { UserName: untagged }
  - id: policy
    action: iam.putUserPolicy
    input:
      UserName: untagged
      PolicyName: team-only
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Other
            Effect: Allow
            Action: s3:GetObject
            Resource: "*"
          - Sid: TeamBlue
            Effect: Allow
            Action: s3:ListAllMyBuckets
            Resource: "*"
            Condition:
              StringEquals: { "aws:PrincipleTag/team": blue }
  - id: key
    action: iam.createAccessKey
    input: { UserName: untagged }
    identity: u
  - id: list
    as: u
    action: s3.listBuckets
`

describe('condition keys that look misspelt (issue 17)', () => {
  it('validate warns with "did you mean" and the key\'s line:column; known keys are quiet', () => {
    const scenario = loadScenarioText(TAGGED, 'near.yaml')
    const warnings = scenarioWarnings(scenario)
    expect(warnings.map(formatWarning)).toEqual([
      'near.yaml:24:31: warning [unknown-condition-key]: condition key aws:PrincipleTag/team is not a known global, IAM, STS or S3 key: did you mean aws:PrincipalTag/team? (IAM accepts it, but it never matches)\n',
    ])
    const fixed = loadScenarioText(TAGGED.replace('PrincipleTag', 'PrincipalTag'), 'near.yaml')
    expect(scenarioWarnings(fixed)).toEqual([])
  })

  it('iamflow validate prints the warning on stderr and still says ok (exit 0)', () => {
    const file = join(tmp(), 'near.yaml')
    writeFileSync(file, TAGGED)
    const r = iamflow(['validate', file])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`ok ${file}\n`)
    expect(r.stderr).toContain(`${file}:24:31: warning [unknown-condition-key]: condition key aws:PrincipleTag/team is not a known global, IAM, STS or S3 key: did you mean aws:PrincipalTag/team?`)
  })

  it('other services\' keys are not checked; unknown aws: keys without a close match get no guess', () => {
    const scenario = loadScenarioText(TAGGED.replace('"aws:PrincipleTag/team": blue', '"ec2:Whatever": x, "aws:Zzzzzzzzzz": y'), 'near.yaml')
    expect(scenarioWarnings(scenario).map((w) => w.message)).toEqual(['condition key aws:Zzzzzzzzzz is not a known global, IAM, STS or S3 key (IAM accepts it, but it never matches)'])
  })
})

describe('the decision trace of a near miss (issue 17)', () => {
  it('names the statement (numbered from 1) whose condition failed, and why, without values', async () => {
    const { result } = await runText(TAGGED.replace('PrincipleTag', 'PrincipalTag'))
    const list = result.steps.find((s) => s.id === 'list')!
    expect(list.status).toBe('failed')
    expect(list.decision?.conditions).toEqual([
      { policy: 'user/untagged/inline/team-only', sid: 'TeamBlue', index: 1, effect: 'Allow', operator: 'StringEquals', key: 'aws:PrincipalTag/team', why: 'absent' },
    ])
    const line = describeDecision(list.decision!)
    expect(line).toBe(
      'ImplicitDeny (decided by identity policy): ImplicitDeny: no identity-based policy allows s3:ListAllMyBuckets; conditions not met: Allow statement "TeamBlue" (#2) of user/untagged/inline/team-only: StringEquals aws:PrincipalTag/team (the request has no value for the key)',
    )
    expect(failureDetails(list)).toContain(`decision: ${line}`)
    expect(JSON.stringify(list.decision)).not.toContain('blue')
  })
})
