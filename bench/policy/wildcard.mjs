// Issue 12, item 8: a policy pattern such as `*a?a?a?...b*` against a long name. Measures one
// full policy evaluation (engine, warm) whose only statement is that pattern, as a Resource and
// as a StringLike condition, next to the same evaluation with a plain pattern, and the glob
// matcher iamflow used before issue 12 (greedy scan, backtracking to the last `*`: O(n*m) token
// steps) on the same pattern and name, all in the same run.
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

/** The matcher before issue 12 (src/policy/wildcard.ts globMatch), for the baseline. */
function backtrackingMatch(parts, value) {
  let ti = 0
  let si = 0
  let starTi = -1
  let starSi = 0
  const n = parts.length
  for (;;) {
    if (ti < n) {
      const tok = parts[ti]
      if (tok === 0) {
        starTi = ti
        starSi = si
        ti++
        continue
      }
      if (tok === 1) {
        if (si < value.length) {
          ti++
          si++
          continue
        }
      } else if (value.startsWith(tok, si)) {
        ti++
        si += tok.length
        continue
      }
    } else if (si === value.length) return true
    if (starTi < 0) return false
    starSi++
    if (starSi > value.length) return false
    ti = starTi + 1
    si = starSi
  }
}

function round(fn, iterations) {
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn()
  return Number(process.hrtime.bigint() - t0) / 1000 / iterations
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
/** Median µs per call, rounds of a and b alternating so that machine noise hits both alike. */
function paired(a, b, ia, ib, rounds) {
  round(a, ia)
  round(b, ib)
  const ra = []
  const rb = []
  for (let r = 0; r < rounds; r++) {
    ra.push(round(a, ia))
    rb.push(round(b, ib))
  }
  return { a: med(ra), b: med(rb), ratio: med(rb.map((x, i) => x / ra[i])) }
}

/**
 * The name is an S3 object ARN with a 1,024-byte key (S3's limit) of `a`s; the pattern
 * `*a?a?...a?b*` is just shorter than the key (a longer one is refused at once by its length),
 * so every placement is tried and each fails only at the `b`: the worst case for both matchers.
 */
export async function measureWildcard({ root = resolve(import.meta.dirname, '../..'), smoke = false } = {}) {
  const { compilePolicy, evaluate, parseGlob } = await importPolicy(root)
  const bucket = 'corp-data'
  const key = 'a'.repeat(1024)
  const objectArn = `arn:aws:s3:::${bucket}/${key}`
  const evil = `*${'a?'.repeat(500)}b*`
  const plain = 'home/*'
  const doc = (resource, condition) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: resource, ...(condition ? { Condition: condition } : {}) }] })
  const input = (document) => {
    const r = compilePolicy(document, 'identity', { managed: true })
    if (!r.ok) throw new Error(r.error.message)
    return {
      request: { principal: { type: 'User', arn: 'arn:aws:iam::123456789012:user/u', accountId: '123456789012', userId: 'AIDAEXAMPLE', username: 'u' }, action: 's3:GetObject', resource: objectArn, context: { 's3:prefix': key } },
      identityPolicies: [{ id: 'p', name: 'p', origin: 'user-managed', policy: r.policy }],
    }
  }
  const evilResource = input(doc(`arn:aws:s3:::${bucket}/${evil}`))
  const plainResource = input(doc(`arn:aws:s3:::${bucket}/${plain}`))
  const evilCondition = input(doc('*', { StringLike: { 's3:prefix': evil } }))
  const plainCondition = input(doc('*', { StringLike: { 's3:prefix': plain } }))
  for (const x of [evilResource, plainResource, evilCondition, plainCondition]) if (evaluate(x).decision !== 'ImplicitDeny') throw new Error('the benchmark request must be denied')
  const ev = (x) => () => evaluate(x)
  const it = (n) => (smoke ? 5 : n)
  const resource = paired(ev(plainResource), ev(evilResource), it(20_000), it(2_000), smoke ? 1 : 9)
  const condition = paired(ev(plainCondition), ev(evilCondition), it(20_000), it(2_000), smoke ? 1 : 9)
  const tokens = parseGlob(evil)
  const before = paired(ev(evilCondition), () => backtrackingMatch(tokens, key), it(2_000), it(20), smoke ? 1 : 7)
  return {
    patternChars: evil.length,
    nameChars: key.length,
    plainResourceUs: Number(resource.a.toFixed(3)),
    pathologicalResourceUs: Number(resource.b.toFixed(3)),
    resourceRatio: Number(resource.ratio.toFixed(1)),
    plainConditionUs: Number(condition.a.toFixed(3)),
    pathologicalConditionUs: Number(condition.b.toFixed(3)),
    conditionRatio: Number(condition.ratio.toFixed(1)),
    beforeIssue12MatcherUs: Number(before.b.toFixed(1)),
    speedupVsBeforeIssue12: Number(before.ratio.toFixed(1)),
  }
}

async function importPolicy(root) {
  const policy = await import(pathToFileURL(resolve(root, 'dist/policy/index.js')).href)
  const wildcard = await import(pathToFileURL(resolve(root, 'dist/policy/wildcard.js')).href)
  return { ...policy, parseGlob: wildcard.parseGlob }
}
