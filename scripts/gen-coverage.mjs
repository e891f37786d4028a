#!/usr/bin/env node
// Writes docs/coverage.md: per service, every SDK operation as emulated, not emulated, or out of
// scope (with the reason), derived from the emulator's handler tables (src/engine/coverage.ts).
// Run after `npm run build` (npm run coverage does both); test/coverage.test.ts keeps the file
// equal to what this writes.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { renderCoverageMarkdown } = await import(join(root, 'dist', 'engine', 'plan', 'coverage.js'))
writeFileSync(join(root, 'docs', 'coverage.md'), renderCoverageMarkdown())
console.log('wrote docs/coverage.md')
