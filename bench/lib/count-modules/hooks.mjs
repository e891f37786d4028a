// Module loader hook (runs on the loader thread): appends "format url" for every module that
// goes through the ESM loader to the file named by IAMFLOW_BENCH_LOAD_LOG.
import { appendFileSync } from 'node:fs'

export async function load(url, context, next) {
  const result = await next(url, context)
  appendFileSync(process.env.IAMFLOW_BENCH_LOAD_LOG, `${result.format} ${url}\n`)
  return result
}
