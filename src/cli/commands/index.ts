/** Every subcommand, in the order --help lists them. Add a command by adding its spec here. */
import { aggregateCommand } from './aggregate.js';
import { demoCommand } from './demo.js';
import { importCommand } from './import.js';
import { inspectCommand } from './inspect.js';
import { scanCommand } from './scan.js';
import { snapshotCommand } from './snapshot.js';
import type { CommandSpec } from './spec.js';

export const COMMANDS: readonly CommandSpec[] = [
  scanCommand,
  inspectCommand,
  importCommand,
  snapshotCommand,
  aggregateCommand,
  demoCommand,
];
