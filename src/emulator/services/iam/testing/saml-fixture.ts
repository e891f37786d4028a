/** A self-signed certificate (CN=idp.example.com, RSA 2048, valid until 2126-11-08); no private key is kept. */
export const TEST_IDP_CERT = 'MIIDFzCCAf+gAwIBAgIUd0plD/aIXLY4KUmxDtrqeiz6t58wDQYJKoZIhvcNAQELBQAwGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMCAXDTI2MTIwMjIzMTAzN1oYDzIxMjYxMTA4MjMxMDM3WjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCLz8DEiAYqu78ZskNN++O1gSfncw5UKG8sFsXIPDFSgD1ZMYMO58UyPiRW22cqIfImmQ9g36/62PgjnVxaHe++6rwHBYsXLqRJi8ik9x/IqXuOAL4HzFDp/b8hFtB8n8BteKZclPmHRAVJzAdTNVcu0WVYaO/BrNua4fNg00ngiCixTJCxIGSiH15X0HHJmfR/yoEE7V3FdrYjepmz4UrIiFHYjaff/gVTHURQlAPQ67SGV/3nq2+dcj7BmBMT9UEPRSW0lkM5usCSvxYuqQQPhF/UxU2aEy+VGonowQIGkhT76i/CYqzdKk/fMbZABRXJBSV6SaZvaHH+SEkHLk89AgMBAAGjUzBRMB0GA1UdDgQWBBT04BgUt9T0+LlS2JvJlgKmdYPlOTAfBgNVHSMEGDAWgBT04BgUt9T0+LlS2JvJlgKmdYPlOTAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQBKMBIFQxx88awMr91NOfIqrgKwTswuAYNuncBZAZDqKSuGMnwGv5KtQnV5lHnbgzfyggEujrSIybvEvDgnrRdn8T6xshT7rQpOutEHcrQ6WxcjRmFBfJOrMEmHduxxMn4Kpn2OSVD+dOM4ZswjzeuAxPBpkYogJdKHHfolFUi/wmXSCWko5JaAZUCvpm7eUrIHrfWsqroCM2OGVNk1vLj4+gU54WHkcFVEHUbH1hAhWPNwCSL1kKaEu5y9cqSWOA7YHhOhtp7MzFmCWhD52JfHcoWeJ7VfuEAzNeKcCJaSZHmfprG/ze7Zi4g0hhiHBzzZZssKkFSTEW/utdFiYgRr'

/** IdP metadata as an IdP publishes it, signing with TEST_IDP_CERT. */
export function samlMetadata(opts: { cert?: string; validUntil?: string; root?: string } = {}): string {
  const root = opts.root ?? 'EntityDescriptor'
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:${root} xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"${opts.validUntil ? ` validUntil="${opts.validUntil}"` : ''}>`,
    '  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>',
    `      <ds:X509Certificate>${opts.cert ?? TEST_IDP_CERT}</ds:X509Certificate>`,
    '    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>',
    '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>',
    '  </md:IDPSSODescriptor>',
    `</md:${root}>`,
  ].join('\n')
}
