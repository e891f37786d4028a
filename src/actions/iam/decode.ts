import type { PolicyVersion, Role } from '@aws-sdk/client-iam'
import { decodePolicyDocument } from '../policy-document.js'
import type { Decoded } from '../policy-document.js'

/** A role as actions return it: the trust policy decoded into an object. */
export type RoleView = Decoded<Role, 'AssumeRolePolicyDocument'>

/** A policy version as actions return it: the document decoded into an object. */
export type PolicyVersionView = Decoded<PolicyVersion, 'Document'>

/** Decode the URL-encoded trust policy IAM returns in a Role. */
export function decodeRole(role: Role): RoleView
export function decodeRole(role: Role | undefined): RoleView | undefined
export function decodeRole(role: Role | undefined): RoleView | undefined {
  if (role === undefined) return undefined
  return { ...role, AssumeRolePolicyDocument: decodePolicyDocument(role.AssumeRolePolicyDocument) }
}

/** Decode the URL-encoded document IAM returns in a PolicyVersion. */
export function decodePolicyVersion(version: PolicyVersion | undefined): PolicyVersionView | undefined {
  if (version === undefined) return undefined
  return { ...version, Document: decodePolicyDocument(version.Document) }
}
