/**
 * General purpose bucket naming rules (S3 User Guide): 3-63 chars of a-z 0-9 . -, starting and
 * ending with a letter or digit, no `..`, not an IPv4 address, reserved prefixes and suffixes.
 */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-']
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']

export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return false
  if (name.includes('..')) return false
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return false
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return false
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return false
  return true
}
