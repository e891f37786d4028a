import type * as IamSdk from '@aws-sdk/client-iam'
import type * as S3Sdk from '@aws-sdk/client-s3'
import type * as StsSdk from '@aws-sdk/client-sts'

/**
 * The SDK's input and output types of every operation, read from its command classes at compile
 * time only (`import type`: nothing is loaded at run time), for the one call seam of actions,
 * `AwsClients.call(service, operation, input)`.
 */
interface SdkModules {
  iam: typeof IamSdk
  sts: typeof StsSdk
  s3: typeof S3Sdk
}

type SdkService = keyof SdkModules

/** `CreateRole` for `CreateRoleCommand`: every operation of a service's SDK package. */
export type OperationName<S extends SdkService> = {
  [K in keyof SdkModules[S]]: K extends `${infer Op}Command` ? (SdkModules[S][K] extends abstract new (...args: any[]) => any ? Op : never) : never
}[keyof SdkModules[S]]

type CommandOf<S extends SdkService, Op extends string> = SdkModules[S][`${Op}Command` & keyof SdkModules[S]]

/** The SDK's input type of an operation (`CreateRoleCommandInput`). */
export type OperationInput<S extends SdkService, Op extends string> =
  CommandOf<S, Op> extends abstract new (...args: infer A) => any ? (A extends [] ? Record<string, never> : NonNullable<A[0]>) : never

/** The SDK's output type of an operation (`CreateRoleCommandOutput`). */
export type OperationOutput<S extends SdkService, Op extends string> =
  CommandOf<S, Op> extends abstract new (...args: any[]) => infer C
    ? C extends { resolveMiddleware(...args: any[]): (...args: any[]) => Promise<{ output: infer O }> }
      ? O
      : never
    : never
