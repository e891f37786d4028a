/** A tag on an IAM entity or S3 resource, as the APIs carry it. */
export interface Tag {
  Key: string
  Value: string
}
