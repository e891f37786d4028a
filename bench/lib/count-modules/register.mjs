// `node --import bench/lib/count-modules/register.mjs ...`: log every ESM-loaded module (see hooks.mjs).
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)
