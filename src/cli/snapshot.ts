import type { CommandModule } from 'yargs'
import { InputError } from '../errors.js'

interface SnapshotArgs {
  output: string
  target?: 'embedded' | 'aws'
  'endpoint-url'?: string
  state?: string
  profile?: string
  region?: string
  account?: string
}

/**
 * `iamflow snapshot --output FILE`: read an account's IAM configuration (AWS, any endpoint, or an
 * emulator state file) into an account snapshot that scenarios (`snapshot:`), `run --snapshot`
 * and `serve --import` start from. Only wires: the reading is engine/snapshot/take.ts.
 */
export const snapshotCommand: CommandModule<object, SnapshotArgs> = {
  command: 'snapshot',
  describe: "Read an account's IAM configuration (users, roles, groups, policies, buckets' access settings; never a secret) into a snapshot file",
  builder: (y) =>
    y
      .option('output', { type: 'string', demandOption: true, requiresArg: true, describe: 'The snapshot file to write (JSON; replaced whole)' })
      .option('target', { choices: ['embedded', 'aws'] as const, describe: 'aws: real AWS (standard credential chain); embedded needs --state' })
      .option('endpoint-url', { type: 'string', describe: 'Any AWS-compatible endpoint, e.g. iamflow serve (default: $AWS_ENDPOINT_URL)' })
      .option('state', { type: 'string', describe: 'An embedded emulator state file to read' })
      .option('profile', { type: 'string', describe: 'Named profile for the credential chain (endpoint / AWS)' })
      .option('region', { type: 'string', describe: 'AWS region (default $AWS_REGION or us-east-1)' })
      .option('account', { type: 'string', describe: 'Real AWS: the account id the credentials must belong to (a guard)' })
      .example('$0 snapshot --target aws --profile prod-readonly --output prod-iam.json', "last night's snapshot of an account")
      .example('$0 snapshot --endpoint-url http://127.0.0.1:4566 --output lab.json', 'of what iamflow serve holds') as never,
  handler: async (args) => {
    const endpointUrl = args['endpoint-url'] || (args.target === 'aws' ? undefined : process.env.AWS_ENDPOINT_URL || undefined)
    if (args.target !== 'aws' && !endpointUrl && args.state === undefined) {
      throw new InputError('bad-target', 'iamflow snapshot needs an account to read', { hint: 'give --target aws (with --profile), --endpoint-url URL, or --state FILE' })
    }
    const [{ openTarget }, { takeSnapshot }, { writeSnapshotFile }] = await Promise.all([import('../engine/targets/targets.js'), import('../engine/snapshot/take.js'), import('../engine/snapshot/write.js')])
    const target = await openTarget({
      ...(args.target ? { target: args.target } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
      ...(args.state !== undefined ? { statePath: args.state } : {}),
      ...(args.profile ? { profile: args.profile } : {}),
      ...(args.region ? { region: args.region } : {}),
      ...(args.account ? { account: args.account } : {}),
    })
    try {
      const snap = await takeSnapshot(target)
      writeSnapshotFile(args.output, snap)
      for (const u of snap.Unreadable) process.stderr.write(`warning: unreadable: ${u.Operation} (${u.Resource}): ${u.Code}\n`)
      const aws = snap.AwsManagedPolicies.length
      process.stdout.write(
        `snapshot of account ${snap.AccountId} (${snap.Source}): ${snap.Users.length} users, ${snap.Groups.length} groups, ${snap.Roles.length} roles, ` +
          `${snap.Policies.length} customer managed policies${aws ? ` (+${aws} AWS managed in use)` : ''}, ${snap.Buckets.length} buckets, ` +
          `${snap.OpenIDConnectProviders.length} OIDC and ${snap.SAMLProviders.length} SAML providers` +
          `${snap.Unreadable.length ? `, ${snap.Unreadable.length} unreadable` : ''} -> ${args.output}\n`,
      )
    } finally {
      await target.close()
    }
  },
}
