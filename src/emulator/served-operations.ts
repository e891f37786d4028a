import { iamOperations } from './services/iam/index.js'
import { routedS3Operations } from './services/s3/route.js'
import { stsFederationOperations, stsOperations } from './services/sts/index.js'

/** The services the emulator answers. */
export type ServedService = 'iam' | 'sts' | 's3'

/**
 * The operations the emulator serves, per service, sorted: IAM and STS from their handler
 * tables (STS's signed and unsigned ones), S3 from the operations its router chooses. Derived, never listed by hand, so an
 * operation added to a table appears here (and in `iamflow actions --all`, the plan warnings
 * and docs/coverage.md) without further edits.
 */
export function servedOperations(): Record<ServedService, string[]> {
  return {
    iam: Object.keys(iamOperations).sort(),
    sts: [...Object.keys(stsOperations), ...Object.keys(stsFederationOperations)].sort(),
    s3: [...new Set(routedS3Operations.map((op) => op.name))].sort(),
  }
}
