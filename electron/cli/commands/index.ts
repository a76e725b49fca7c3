/**
 * Every `luopan` command. Each module exports `register(program)` adding one subcommand;
 * keep this list in the order `luopan --help` shows them.
 */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
