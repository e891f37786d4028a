import { AwsServiceError } from '../types.js'
import { authorize } from './access.js'
import { extrasOf } from './account-extras.js'
import { defineOps } from './define-ops.js'
import { paginateInOrder } from './paginate.js'
import { accountOf } from './store.js'

/**
 * Account aliases (the sign-in URL's name). An account has at most one: creating another
 * replaces it. Aliases are unique across accounts; the format (3..63 lower-case letters, digits
 * and single hyphens, not at either end) is the model's pattern, checked before the handler.
 */

export const accountAliasOperations = defineOps({
  CreateAccountAlias(ctx, input) {
    authorize(ctx, 'CreateAccountAlias', '*')
    const account = accountOf(ctx)
    for (const other of ctx.state.accounts.values()) {
      if (other.id !== account.id && other.iam?.aliases?.includes(input.AccountAlias)) {
        throw new AwsServiceError('EntityAlreadyExists', 409, `The account alias ${input.AccountAlias} already exists.`)
      }
    }
    extrasOf(account).aliases = [input.AccountAlias]
    return undefined
  },

  DeleteAccountAlias(ctx, input) {
    authorize(ctx, 'DeleteAccountAlias', '*')
    const extras = extrasOf(accountOf(ctx))
    if (!extras.aliases.includes(input.AccountAlias)) {
      throw new AwsServiceError('NoSuchEntity', 404, `The account alias ${input.AccountAlias} cannot be found.`)
    }
    extras.aliases = extras.aliases.filter((a) => a !== input.AccountAlias)
    return undefined
  },

  ListAccountAliases(ctx, input) {
    authorize(ctx, 'ListAccountAliases', '*')
    const page = paginateInOrder<string>([...(accountOf(ctx).iam?.aliases ?? [])], input)
    return { AccountAliases: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker }
  },
})
