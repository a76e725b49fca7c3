/**
 * `luopan` — the command line (docs/product.md "The luopan command line"; docs/cli.md).
 * Exit codes: 0 success, 1 runtime failure (one-line reason on stderr), 2 bad usage.
 * Each command lives in ./commands/<name>.ts and registers itself on the program.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, CliError } from './errors';
import { commands } from './commands/index';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('luopan')
    .description('罗盘 Luopan — live-commerce monitoring: simulator, recorder, wall server, history and diagnosis')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(luopan --help for usage)');
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors; everything else commander reports is bad usage
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      process.stderr.write(`luopan: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`luopan: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
}
