// 6. State scale: RSS of a process holding an emulator with 10k users, 10k roles and 10k
// managed policies, and the time of one ListUsers/ListRoles/ListPolicies page of 100 with 100
// of each (the baseline, same run) versus 10k of each, first page and a page deep in the list.
// Requests go straight to emulator.handle() (signed, no SDK) so the emulator's time is measured.
import v8 from 'node:v8'
import vm from 'node:vm'
import { profiled } from '../lib/profile.mjs'
import { queryClient } from '../lib/query-client.mjs'
import { median, round } from '../lib/stats.mjs'

const TARGET_RSS_MB = 200
/** "Independent of total": a page with 100x more entities may cost at most this factor. */
const FLAT_FACTOR = 1.5

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc')
const rssMB = () => {
  gc()
  gc()
  return process.memoryUsage().rss / 2 ** 20
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })
const doc = (i) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::bucket-${i}/*` }] })
const pad = (i) => String(i).padStart(5, '0')

/**
 * Create entities number `from`..`to`-1 of `n`, in a fixed shuffled order (names are not
 * created alphabetically in real accounts, and a sorted insertion order would flatter a sort).
 */
async function populate(call, from, to, n, deadline) {
  for (let j = from; j < to; j++) {
    if (performance.now() > deadline) throw new Error(`populating stopped at ${j} of ${to} (time limit)`)
    const i = j < 100 ? j : 100 + ((j - 100) * 7919) % (n - 100) // 7919 is prime: a permutation
    await call({ Action: 'CreateUser', UserName: `user-${pad(i)}` })
    await call({ Action: 'CreateRole', RoleName: `role-${pad(i)}`, AssumeRolePolicyDocument: TRUST })
    await call({ Action: 'CreatePolicy', PolicyName: `policy-${pad(i)}`, PolicyDocument: doc(i) })
  }
}

/** Median ms of one page call, over up to `count` calls within `maxMs`. */
async function pageMs(call, params, count, maxMs = 4000) {
  const t = []
  const deadline = performance.now() + maxMs
  for (let i = 0; i < count && (i < 5 || performance.now() < deadline); i++) {
    const t0 = performance.now()
    await call(params)
    t.push(performance.now() - t0)
  }
  return median(t)
}

const REFERENCE = { Action: 'GetUser', UserName: 'user-00000' }

/**
 * Page time relative to a GetUser (a lookup that does not grow with the total), from
 * alternating rounds: comparing this before and after populating cancels machine drift.
 */
async function relative(call, params, rounds) {
  const ratios = []
  for (let r = 0; r < rounds; r++) ratios.push((await pageMs(call, params, 3)) / (await pageMs(call, REFERENCE, 3)))
  return median(ratios)
}

const LISTS = {
  listUsers: { Action: 'ListUsers', MaxItems: '100' },
  listRoles: { Action: 'ListRoles', MaxItems: '100' },
  listPolicies: { Action: 'ListPolicies', Scope: 'Local', MaxItems: '100' },
}

async function pages(call, count) {
  const ms = {}
  const rel = {}
  for (const [name, params] of Object.entries(LISTS)) {
    ms[name] = await pageMs(call, params, count)
    rel[name] = await relative(call, params, Math.max(3, Math.round(count / 10)))
  }
  return { ms, rel }
}

/** The Marker of the page that ends around position `at` (walks pages from the start). */
async function markerAt(call, at) {
  let marker
  for (let seen = 0; seen < at; seen += 100) {
    const text = await call({ Action: 'ListUsers', MaxItems: '100', ...(marker ? { Marker: marker } : {}) })
    const m = text.match(/<Marker>([^<]+)<\/Marker>/)
    if (!m) return marker
    marker = m[1]
  }
  return marker
}

export async function run(ctx) {
  const n = ctx.pick({ full: 10_000, smoke: 200 })
  const { createEmulator } = await ctx.dist('emulator/index.js')
  // AWS's default quotas (5,000 users, 1,000 roles, 1,500 policies) would stop us short: raise them.
  const em = createEmulator({ quotas: { users: n + 10, roles: n + 10, policies: n + 10 } })
  const call = queryClient(em, { accessKeyId: em.root.accessKeyId, secretAccessKey: em.root.secretAccessKey })
  for (let i = 0; i < ctx.pick({ full: 50, smoke: 5 }); i++) await call({ Action: 'GetUser' }) // warm
  const rssEmpty = rssMB()
  const deadline = performance.now() + (ctx.quick ? 150_000 : 200_000)
  await populate(call, 0, 100, n, deadline)
  const { ms: small, rel: smallRel } = await pages(call, ctx.pick({ full: 200, quick: 100, smoke: 5 }))
  const t0 = performance.now()
  await populate(call, 100, n, n, deadline)
  const createMs = (performance.now() - t0) / ((n - 100) * 3)
  const rssFull = rssMB()
  const { ms: big, rel: bigRel } = await pages(call, ctx.pick({ full: 100, quick: 50, smoke: 5 }))
  const middle = { Action: 'ListUsers', MaxItems: '100', Marker: await markerAt(call, n / 2) }
  const deep = await pageMs(call, middle, ctx.pick({ full: 100, smoke: 3 }))
  const deepRel = await relative(call, middle, ctx.pick({ full: 10, smoke: 3 }))
  const { profile } = await profiled(async () => {
    for (let i = 0; i < ctx.pick({ full: 40, smoke: 2 }); i++) await call({ Action: 'ListUsers', MaxItems: '100' })
  })
  const inv = em.inventory()
  if (inv.users.length !== n || inv.roles.length !== n || inv.policies.length !== n) throw new Error(`inventory: ${inv.users.length} users, ${inv.roles.length} roles, ${inv.policies.length} policies, expected ${n} each`)
  const r3 = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, 3)]))
  const growth = Object.fromEntries(Object.keys(LISTS).map((k) => [k, round(bigRel[k] / smallRel[k], 2)]))
  growth.listUsersMiddlePage = round(deepRel / smallRel.listUsers, 2)
  const worst = Math.max(...Object.values(growth))
  return {
    figures: {
      entitiesEach: n,
      rssEmptyMB: round(rssEmpty, 1),
      rssMB: round(rssFull, 1),
      kbPerEntity: round(((rssFull - rssEmpty) * 1024) / (3 * n), 2),
      createMsPerCall: round(createMs, 3),
      pageMsAt100: r3(small),
      pageMsAtN: r3(big),
      listUsersMiddlePageMsAtN: round(deep, 3),
      pageGrowthDriftCorrected: growth,
    },
    checks: [
      ctx.check({ name: `RSS with ${n / 1000}k users + roles + policies`, value: round(rssFull, 1), unit: 'MB', op: '<=', target: TARGET_RSS_MB, baseline: `empty emulator ${round(rssEmpty, 1)} MB` }),
      ctx.check({ name: `ListUsers page at ${n / 1000}k / at 100 total`, value: growth.listUsers, unit: 'x', op: '<=', target: FLAT_FACTOR, baseline: `${round(small.listUsers, 2)} ms at 100, ${round(big.listUsers, 2)} ms at ${n / 1000}k` }),
      ctx.check({ name: 'worst page ratio (users/roles/policies; first/middle page)', value: round(worst, 2), unit: 'x', op: '<=', target: FLAT_FACTOR }),
    ],
    notes: [
      `page growth = page time relative to a GetUser in alternating rounds, at ${n} / at 100 (drift-corrected): ${JSON.stringify(growth)}`,
      `page times are emulator.handle() calls (signed, no SDK); pages at 100: ${JSON.stringify(r3(small))} ms; at ${n}: ${JSON.stringify(r3(big))} ms, middle ListUsers page ${round(deep, 2)} ms`,
    ],
    profile,
  }
}
