import { InputError } from '../../errors.js'
import type { ActionContext, IamflowClient } from '../define-action.js'

/** The emulator's own client, or the `emulator-only` refusal where there is none (AWS). */
export function emulatorClient(ctx: Pick<ActionContext, 'clients'>, action: string): IamflowClient {
  const client = ctx.clients.iamflow
  if (!client) {
    throw new InputError('emulator-only', `${action} runs only on the emulator (embedded or iamflow serve), not on AWS`, {
      hint: 'run the scenario without --target aws, or give it a real identity provider token',
    })
  }
  return client
}

/** The `$metadata` of an iamflow call's answer, as actions return it. */
export const metadataOf = (out: Record<string, string>) => (out as unknown as { $metadata: Record<string, unknown> }).$metadata
