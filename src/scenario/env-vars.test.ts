import { describe, expect, it } from 'vitest'
import { declaredEnvValues, envEntries, isCredentialEnvName, type EnvDecl } from './env-vars.js'

const at = { file: 's.yaml', line: 1, column: 1 }

describe('isCredentialEnvName', () => {
  it('refuses every variable of the AWS credential chain that holds or locates a secret', () => {
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_SECURITY_TOKEN',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_ACCESS_KEY',
      'AWS_SECRET_KEY',
    ]) {
      expect(isCredentialEnvName(name), name).toBe(true)
    }
  })

  it('refuses other tools\u2019 secrets in any case, with or without separators', () => {
    for (const name of ['GITHUB_TOKEN', 'NPM_TOKEN', 'DB_PASSWORD', 'MYSQL_PASSWD', 'GPG_PASSPHRASE', 'SSH_PRIVATE_KEY', 'OPENAI_API_KEY', 'apikey', 'aws_secret_access_key', 'DbPassword', 'x_Secret_y']) {
      expect(isCredentialEnvName(name), name).toBe(true)
    }
  })

  it('accepts ordinary names', () => {
    for (const name of ['HOME', 'USER', 'LAB_USER', 'AWS_REGION', 'AWS_PROFILE', 'AWS_ROLE_ARN', 'S3_OBJECT_KEY', 'KEY_NAME', 'PATH', '_X']) {
      expect(isCredentialEnvName(name), name).toBe(false)
    }
  })
})

describe('envEntries', () => {
  it('reads the list form and the map form, with their document paths', () => {
    expect(envEntries(['A', 'B'])).toEqual([
      { name: 'A', path: ['env', 0], key: false },
      { name: 'B', path: ['env', 1], key: false },
    ])
    expect(envEntries({ A: null, B: { description: 'b', default: 'x' } })).toEqual([
      { name: 'A', path: ['env', 'A'], key: true },
      { name: 'B', path: ['env', 'B'], key: true, description: 'b', default: 'x' },
    ])
    expect(envEntries(undefined)).toEqual([])
    expect(envEntries('A')).toEqual([])
  })
})

describe('declaredEnvValues', () => {
  const decls: EnvDecl[] = [
    { name: 'SET', loc: at },
    { name: 'DEFAULTED', default: 'd', loc: at },
    { name: 'MISSING', loc: at },
    { name: 'AWS_SECRET_ACCESS_KEY', loc: at },
  ]

  it('reads declared names only, applies defaults, lists what is missing, and never reads a credential', () => {
    const env = { SET: 'v', OTHER: 'o', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', DEFAULTED: undefined }
    const { values, missing } = declaredEnvValues(decls, env)
    expect({ ...values }).toEqual({ SET: 'v', DEFAULTED: 'd' })
    expect(missing.map((d) => d.name)).toEqual(['MISSING'])
    expect(Object.getPrototypeOf(values)).toBeNull()
  })

  it('an empty value is set (as in the shell); inherited names are not variables', () => {
    const env = Object.create({ MISSING: 'inherited' }) as Record<string, string>
    env.SET = ''
    const { values, missing } = declaredEnvValues(decls, env)
    expect(values.SET).toBe('')
    expect(missing.map((d) => d.name)).toEqual(['MISSING'])
  })
})
