import type { CommandModule } from 'yargs'
import { actionsCommand } from './actions.js'
import { exportCommand } from './export.js'
import { cleanupCommand } from './cleanup.js'
import { diffCommand } from './diff.js'
import { initCommand } from './init.js'
import { planCommand } from './plan.js'
import { runCommand } from './run.js'
import { runsCommand } from './runs.js'
import { schemaCommand } from './schema.js'
import { serveCommand } from './serve.js'
import { snapshotCommand } from './snapshot.js'
import { validateCommand } from './validate.js'

/** Every CLI command, in `--help` order. Commands only parse flags and wire parts together. */
export const commands: CommandModule<any, any>[] = [validateCommand, planCommand, exportCommand, actionsCommand, schemaCommand, initCommand, runCommand, diffCommand, runsCommand, cleanupCommand, serveCommand, snapshotCommand]
