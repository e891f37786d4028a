// `node --import bench/lib/count-modules/register.mjs ...`: log every ESM-loaded module (see
// hooks.mjs), and every chunk of the bin that its loader (src/cli/bundle-loader.ts) compiles, as
// `chunk-<cache outcome> file://...` (hit, miss, rejected, off), from the loader's diagnostics channel.
import { appendFileSync } from 'node:fs'
import { subscribe } from 'node:diagnostics_channel'
import { register } from 'node:module'
import { pathToFileURL } from 'node:url'

register('./hooks.mjs', import.meta.url)
subscribe('iamflow:bundle-chunk', ({ file, cache }) => {
  appendFileSync(process.env.IAMFLOW_BENCH_LOAD_LOG, `chunk-${cache} ${pathToFileURL(file).href}\n`)
})
