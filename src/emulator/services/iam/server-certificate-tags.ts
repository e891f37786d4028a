import { defineOps } from './define-ops.js'
import { authorizeServer, requireServer } from './certificates.js'
import { paginateInOrder } from './paginate.js'
import { mergeTags, removeTags, requestTagContext, requestTags } from './tags.js'

/**
 * Tag/Untag/ListServerCertificateTags (IAM API Reference). Server certificates are tagged like
 * users and roles: at most 50 tags, keys unique case-insensitively, `aws:` keys reserved; the
 * resource is the certificate's ARN (Service Authorization Reference: server-certificate), with
 * its tags as `aws:ResourceTag/*` and the request's as `aws:RequestTag/*` / `aws:TagKeys`.
 */
export const serverCertificateTagOperations = defineOps({
  TagServerCertificate(ctx, input) {
    const tags = requestTags(input.Tags)
    const cert = requireServer(authorizeServer(ctx, 'TagServerCertificate', input.ServerCertificateName, requestTagContext(tags)), input.ServerCertificateName)
    cert.tags = mergeTags(cert.tags, tags, 'TagsPerServerCertificate')
    return undefined
  },

  UntagServerCertificate(ctx, input) {
    const cert = requireServer(authorizeServer(ctx, 'UntagServerCertificate', input.ServerCertificateName, { 'aws:TagKeys': input.TagKeys }), input.ServerCertificateName)
    cert.tags = removeTags(cert.tags, input.TagKeys)
    return undefined
  },

  ListServerCertificateTags(ctx, input) {
    const cert = requireServer(authorizeServer(ctx, 'ListServerCertificateTags', input.ServerCertificateName), input.ServerCertificateName)
    const page = paginateInOrder(cert.tags, input)
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker }
  },
})
