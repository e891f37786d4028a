// 6. State scale: RSS of a process holding an emulator with 10k users, 10k roles and 10k
// managed policies, and the time of one ListUsers/ListRoles/ListPolicies page of 100 with 100
// of each (the baseline: a second emulator in the same process, alternating) versus 10k of each,
// first page and a page deep in the list.
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

/** Mean CPU ms (user + system of this process) of `k` calls in a row: time preempted by other processes does not count. */
async function blockMs(call, params, k) {
  const c0 = process.cpuUsage()
  for (let i = 0; i < k; i++) await call(params)
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1000 / k
}

/**
 * Page time on the big account over the same page on the small one: both emulators live in
 * this process from the start (one heap, the same JIT-compiled code), and their blocks of calls
 * alternate, the order swapped every round; the median of the per-round ratios. The drift of the
 * machine, of the JIT and of the heap cancels out, so what remains is a per-page cost that grows
 * with the account. (This used to divide by a GetUser on the same account, measured before and
 * after populating: the 30,000 create calls in between warmed GetUser's code more than the list's,
 * and 3-call samples moved the ratio between 1.37x and 1.71x from one run to the next.)
 */
async function paired(smallCall, smallParams, bigCall, bigParams, rounds, perBlock) {
  for (let i = 0; i < perBlock * 2; i++) {
    await smallCall(smallParams)
    await bigCall(bigParams)
  }
  const ratios = []
  const smallMs = []
  const bigMs = []
  for (let r = 0; r < rounds; r++) {
    let s, b
    if (r % 2 === 0) {
      s = await blockMs(smallCall, smallParams, perBlock)
      b = await blockMs(bigCall, bigParams, perBlock)
    } else {
      b = await blockMs(bigCall, bigParams, perBlock)
      s = await blockMs(smallCall, smallParams, perBlock)
    }
    smallMs.push(s)
    bigMs.push(b)
    ratios.push(b / s)
  }
  return { ratio: median(ratios), smallMs: median(smallMs), bigMs: median(bigMs), min: Math.min(...ratios), max: Math.max(...ratios) }
}

const LISTS = {
  listUsers: { Action: 'ListUsers', MaxItems: '100' },
  listRoles: { Action: 'ListRoles', MaxItems: '100' },
  listPolicies: { Action: 'ListPolicies', Scope: 'Local', MaxItems: '100' },
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
  // The baseline account (100 of each) lives beside the big one for the whole run.
  const smallEm = createEmulator()
  const smallCall = queryClient(smallEm, { accessKeyId: smallEm.root.accessKeyId, secretAccessKey: smallEm.root.secretAccessKey })
  for (let i = 0; i < ctx.pick({ full: 50, smoke: 5 }); i++) {
    await call({ Action: 'GetUser' }) // warm
    await smallCall({ Action: 'GetUser' })
  }
  const rssEmpty = rssMB()
  const deadline = performance.now() + (ctx.quick ? 150_000 : 200_000)
  await populate(smallCall, 0, 100, n, deadline)
  const small = {}
  for (const [name, params] of Object.entries(LISTS)) small[name] = await pageMs(smallCall, params, ctx.pick({ full: 200, quick: 100, smoke: 5 }))
  const t0 = performance.now()
  await populate(call, 0, n, n, deadline)
  const createMs = (performance.now() - t0) / (n * 3)
  const rssFull = rssMB()
  const rounds = ctx.pick({ full: 31, quick: 21, smoke: 3 })
  const perBlock = ctx.pick({ full: 20, quick: 20, smoke: 2 })
  const big = {}
  const smallPaired = {}
  const growth = {}
  const spread = {}
  for (const [name, params] of Object.entries(LISTS)) {
    const p = await paired(smallCall, params, call, params, rounds, perBlock)
    big[name] = p.bigMs
    smallPaired[name] = p.smallMs
    growth[name] = round(p.ratio, 2)
    spread[name] = [round(p.min, 2), round(p.max, 2)]
  }
  // A page deep in the big list (its Marker found by a binary search) against the small account's first page.
  const middle = { Action: 'ListUsers', MaxItems: '100', Marker: await markerAt(call, n / 2) }
  const deepPair = await paired(smallCall, LISTS.listUsers, call, middle, rounds, perBlock)
  growth.listUsersMiddlePage = round(deepPair.ratio, 2)
  spread.listUsersMiddlePage = [round(deepPair.min, 2), round(deepPair.max, 2)]
  const { profile } = await profiled(async () => {
    for (let i = 0; i < ctx.pick({ full: 40, smoke: 2 }); i++) await call({ Action: 'ListUsers', MaxItems: '100' })
  })
  const inv = em.inventory()
  if (inv.users.length !== n || inv.roles.length !== n || inv.policies.length !== n) throw new Error(`inventory: ${inv.users.length} users, ${inv.roles.length} roles, ${inv.policies.length} policies, expected ${n} each`)
  const smallInv = smallEm.inventory()
  if (smallInv.users.length !== 100 || smallInv.roles.length !== 100 || smallInv.policies.length !== 100) throw new Error('inventory of the baseline account: expected 100 of each')
  const r3 = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, 3)]))
  const worst = Math.max(...Object.values(growth))
  return {
    figures: {
      entitiesEach: n,
      rssEmptyMB: round(rssEmpty, 1),
      rssMB: round(rssFull, 1),
      kbPerEntity: round(((rssFull - rssEmpty) * 1024) / (3 * (n + 100)), 2),
      createMsPerCall: round(createMs, 3),
      pageMsAt100: r3(small),
      pageMsAtN: r3(big),
      listUsersMiddlePageMsAtN: round(deepPair.bigMs, 3),
      pageGrowthPaired: growth,
      pageGrowthRoundRange: spread,
      pairedRounds: { rounds, callsPerBlock: perBlock },
    },
    checks: [
      ctx.check({ name: `RSS with ${n / 1000}k users + roles + policies`, value: round(rssFull, 1), unit: 'MB', op: '<=', target: TARGET_RSS_MB, baseline: `both emulators empty ${round(rssEmpty, 1)} MB (the baseline account's 100 of each included)` }),
      ctx.check({ name: `ListUsers page at ${n / 1000}k / at 100 total`, value: growth.listUsers, unit: 'x', op: '<=', target: FLAT_FACTOR, baseline: `${round(smallPaired.listUsers, 2)} ms at 100, ${round(big.listUsers, 2)} ms at ${n / 1000}k (CPU per call, paired medians)` }),
      ctx.check({ name: 'worst page ratio (users/roles/policies; first/middle page)', value: round(worst, 2), unit: 'x', op: '<=', target: FLAT_FACTOR }),
    ],
    notes: [
      `page growth = median over ${rounds} rounds of (CPU time of a block of ${perBlock} page calls on the ${n}-entity account) / (the same on a 100-entity account in the same process), blocks alternating, order swapped each round: ${JSON.stringify(growth)}; per-round range ${JSON.stringify(spread)}`,
      `page times are emulator.handle() calls (signed, no SDK); pages at 100 alone (before the big account was populated): ${JSON.stringify(r3(small))} ms; paired (CPU per call): at 100 ${JSON.stringify(r3(smallPaired))} ms, at ${n} ${JSON.stringify(r3(big))} ms, middle ListUsers page ${round(deepPair.bigMs, 2)} ms CPU`,
    ],
    profile,
  }
}
