import { accessKeyId as newAccessKeyId, canonicalUserId, randomAccountId, secretAccessKey } from '../ids.js'
import type { AccountCredentials } from '../types.js'
import { emptyAccount, type EmulatorState } from './model.js'

/**
 * Add an account with its root access key to the state and return the root credentials.
 * Without a key pair, a fresh AKIA key and secret are issued.
 */
export function addAccount(
  state: EmulatorState,
  opts: { accountId?: string; accessKeyId?: string; secretAccessKey?: string; now: number },
): AccountCredentials {
  let accountId = opts.accountId
  if (accountId === undefined) {
    do accountId = randomAccountId()
    while (state.accounts.has(accountId))
  }
  if (!/^\d{12}$/.test(accountId)) throw new Error(`account id must be 12 digits, got '${accountId}'`)
  if (state.accounts.has(accountId)) throw new Error(`account ${accountId} already exists`)
  const keyId = opts.accessKeyId ?? newAccessKeyId('AKIA')
  if (state.accessKeys.has(keyId)) throw new Error(`access key ${keyId} already exists`)
  const secret = opts.secretAccessKey ?? secretAccessKey()
  state.accounts.set(accountId, emptyAccount(accountId, canonicalUserId(accountId)))
  state.accessKeys.set(keyId, {
    id: keyId,
    secret,
    accountId,
    status: 'Active',
    createDate: opts.now,
    effectiveAt: 0,
  })
  return { accountId, accessKeyId: keyId, secretAccessKey: secret }
}

/** Root credentials of every account (the first active root key of each). */
export function rootCredentials(state: EmulatorState): AccountCredentials[] {
  const out = new Map<string, AccountCredentials>()
  for (const key of state.accessKeys.values()) {
    if (key.userName === undefined && key.status === 'Active' && !out.has(key.accountId)) {
      out.set(key.accountId, { accountId: key.accountId, accessKeyId: key.id, secretAccessKey: key.secret })
    }
  }
  return [...state.accounts.keys()].flatMap((id) => (out.has(id) ? [out.get(id)!] : []))
}
