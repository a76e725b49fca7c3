/**
 * Every `luopan` command. Each module exports `register(program)` adding one subcommand;
 * keep this list in the order `luopan --help` shows them.
 */
import type { Command } from 'commander';
import { register as sim } from './sim';
import { register as record } from './record';
import { register as serve } from './serve';
import { register as relay } from './relay';
import { register as sessions } from './sessions';
import { register as diagnose } from './diagnose';
import { register as rollup } from './rollup';
import { register as review } from './review';
import { register as importCommand } from './import';
import { register as exportCommand } from './export';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [sim, record, serve, relay, sessions, rollup, review, diagnose, importCommand, exportCommand];
