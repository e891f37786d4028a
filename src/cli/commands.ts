import type { CommandModule } from 'yargs'
import { actionsCommand } from './actions.js'

/** Every CLI command, in `--help` order. Commands only parse flags and wire parts together. */
export const commands: CommandModule<any, any>[] = [actionsCommand]
