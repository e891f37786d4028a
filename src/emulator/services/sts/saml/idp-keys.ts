import { createHash, generateKeyPair, randomBytes, sign, createPrivateKey } from 'node:crypto'
import { promisify } from 'node:util'
import { bits, explicit, int, nul, octets, oid, pem, seq, serialNumber, set, time, utf8, bool } from '../../../der.js'
import type { AccountState, SamlIssuerEntity } from '../../../state/model.js'
import { AwsServiceError } from '../../types.js'
import { NS, xmlEscape } from './xml-text.js'

/**
 * The SAML identity providers the emulator plays. No real IdP is reachable offline, so for an
 * issuer name (an entity ID) the emulator keeps an RSA-2048 key and a self-signed certificate
 * in the account; its metadata document carries the certificate only, so a scenario can give
 * it to `iam.createSAMLProvider`, and AssumeRoleWithSAML then verifies assertions with the
 * certificate of the provider's metadata, as AWS does, never with the key kept here.
 */

/** At most this many issuers per account (as many as SAML providers an account may have). */
export const MAX_SAML_ISSUERS = 100
/** Entity IDs: SAML's limit on an entityID (saml-metadata-2.0-os 2.3.2: at most 1024). */
export const MAX_ISSUER_CHARS = 1024
/** The certificate's lifetime: long enough that no lab meets it. */
const CERT_DAYS = 3650

const generate = promisify(generateKeyPair)
const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), nul())

/** A self-signed X.509 certificate (PEM) for an RSA key, valid from an hour before `now`. */
function certificate(privateKeyPem: string, spki: Buffer, now: number): string {
  const name = seq(set(seq(oid('2.5.4.3'), utf8('iamflow emulator SAML IdP'))))
  const keyId = createHash('sha1').update(spki).digest()
  const extensions = seq(
    seq(oid('2.5.29.19'), bool(true), octets(seq())), // basicConstraints: not a CA
    seq(oid('2.5.29.15'), bool(true), octets(bits(Buffer.from([0x80])))), // keyUsage: digitalSignature
    seq(oid('2.5.29.14'), octets(octets(keyId))), // subjectKeyIdentifier
  )
  const validity = seq(time(new Date(now - 3_600_000)), time(new Date(now + CERT_DAYS * 86_400_000)))
  const tbs = seq(explicit(0, int(Buffer.from([2]))), serialNumber(randomBytes(16)), SHA256_WITH_RSA, name, validity, name, spki, explicit(3, extensions))
  const signature = sign('sha256', tbs, createPrivateKey(privateKeyPem))
  return pem('CERTIFICATE', seq(tbs, SHA256_WITH_RSA, bits(signature)))
}

const bad = (message: string) => new AwsServiceError('InvalidParameterValue', 400, message)

/** Check an issuer name (entity ID) given to the iamflow operations. */
export function checkIssuerName(issuer: string | undefined): string {
  if (issuer === undefined || issuer.length === 0) throw bad('Issuer is required.')
  if (issuer.length > MAX_ISSUER_CHARS) throw bad(`Issuer must be at most ${MAX_ISSUER_CHARS} characters.`)
  if (/[\u0000-\u001f\u007f]/.test(issuer)) throw bad('Issuer must not contain control characters.')
  return issuer
}

/** The issuer `issuer` of `account`, without making one. */
export function findSamlIssuer(account: AccountState, issuer: string): SamlIssuerEntity | undefined {
  return (account.samlIssuers ?? []).find((i) => i.issuer === issuer)
}

/**
 * The issuer `issuer` of `account`, made (key and certificate) on first use. `created` tells
 * the caller to mark the account changed, so the journal keeps the new key.
 */
export async function samlIssuer(account: AccountState, issuer: string, now: number): Promise<{ entity: SamlIssuerEntity; created: boolean }> {
  const found = findSamlIssuer(account, issuer)
  if (found) return { entity: found, created: false }
  if ((account.samlIssuers ?? []).length >= MAX_SAML_ISSUERS) {
    throw new AwsServiceError('LimitExceeded', 409, `Cannot exceed quota for SAML issuers of the emulator: ${MAX_SAML_ISSUERS}`)
  }
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: 2048 })
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  // Another request may have made it while the key was generated: keep the first.
  const raced = findSamlIssuer(account, issuer)
  if (raced) return { entity: raced, created: false }
  const entity: SamlIssuerEntity = { issuer, certificatePem: certificate(privateKeyPem, spki, now), privateKeyPem, createDate: now }
  account.samlIssuers = [...(account.samlIssuers ?? []), entity]
  return { entity, created: true }
}

/** The certificate's base64 DER (what `ds:X509Certificate` holds). */
export function certificateBase64(entity: SamlIssuerEntity): string {
  return entity.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
}

/**
 * The IdP's SAML 2.0 metadata (saml-metadata-2.0-os): an EntityDescriptor for the issuer with
 * an IDPSSODescriptor holding its signing certificate. No key, only the certificate.
 */
export function samlMetadataDocument(entity: SamlIssuerEntity): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${xmlEscape(entity.issuer)}">`,
    `  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${NS.protocol}">`,
    '    <md:KeyDescriptor use="signing">',
    `      <ds:KeyInfo xmlns:ds="${NS.dsig}">`,
    `        <ds:X509Data><ds:X509Certificate>${certificateBase64(entity)}</ds:X509Certificate></ds:X509Data>`,
    '      </ds:KeyInfo>',
    '    </md:KeyDescriptor>',
    '    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>',
    '    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>',
    '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://iamflow.invalid/saml/sso"/>',
    '  </md:IDPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  ].join('\n')
}
