/**
 * The commands of the command line, in the order `fleetform --help` lists
 * them. A new command is a module of its own here, added to this list.
 */
import type { CliCommand } from '../command';
import { costCommand } from './cost';
import { diagramCommand } from './diagram';
import { diffCommand } from './diff';
import { listCommand } from './list';
import { planCommand } from './plan';
import { synthCommand } from './synth';

export const COMMANDS: readonly CliCommand[] = [synthCommand, listCommand, diffCommand, planCommand, diagramCommand, costCommand];
