// Where a warm embedded scenario's time goes: the cost of each layer measured alone, in ms
// (median of many repetitions), so the gap to a target can be assigned to a layer.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { queryClient } from './query-client.mjs'
import { median, round } from './stats.mjs'

async function repeat(fn, count, maxMs = 3000) {
  for (let i = 0; i < Math.min(20, count); i++) await fn() // warm
  const t = []
  const deadline = performance.now() + maxMs
  for (let i = 0; i < count && (i < 10 || performance.now() < deadline); i++) {
    const t0 = performance.now()
    await fn()
    t.push(performance.now() - t0)
  }
  return round(median(t), 3)
}

/** Per-layer costs of the embedded path (ctx: a benchmark context). */
export async function embeddedBudget(ctx, scenarioFile) {
  const { loadScenarioFile } = await ctx.dist('scenario/load.js')
  const { buildPlan } = await ctx.dist('engine/plan/plan.js')
  const { createEmulator, createInMemoryHandler } = await ctx.dist('emulator/index.js')
  const { ClientFactory } = await ctx.dist('aws/clients.js')
  const { CredentialHandle } = await ctx.dist('aws/credentials.js')
  const em = createEmulator()
  const root = { accessKeyId: em.root.accessKeyId, secretAccessKey: em.root.secretAccessKey }
  const target = { kind: 'embedded', region: 'us-east-1', endpoint: 'http://localhost:4566', requestHandler: createInMemoryHandler(em) }
  const factory = new ClientFactory(target, CredentialHandle.seal('bench', root))
  const sts = factory.clientsFor().sts
  const raw = queryClient(em, root, 'sts')
  const per = (fn, count) => repeat(fn, ctx.smoke ? 3 : count)
  return {
    loadAndPlanScenarioMs: await per(async () => buildPlan(await loadScenarioFile(scenarioFile)), 50),
    createEmulatorMs: await per(() => createEmulator(), 50),
    buildIamStsS3ClientsMs: await per(() => {
      const c = new ClientFactory(target, CredentialHandle.seal('x', root)).clientsFor()
      return [c.iam, c.sts, c.s3]
    }, 50),
    newIdentityFirstStsCallMs: await per(() => new ClientFactory(target, CredentialHandle.seal('x', root)).clientsFor().sts.send(new GetCallerIdentityCommand({})), 50),
    sdkCallInMemoryMs: await per(() => sts.send(new GetCallerIdentityCommand({})), 300),
    emulatorHandleCallMs: await per(() => raw({ Action: 'GetCallerIdentity' }), 300),
  }
}
