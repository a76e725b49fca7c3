/**
 * Command-line options of the desktop app (`electron . [--demo | --source URL] [--token T] [--db FILE]`).
 * Anything else on the line (Chromium switches, the app path) is ignored.
 */
export interface ShellArgs {
  source?: string;
  token?: string;
  dbFile?: string;
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const out: ShellArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? (argv[i + 1] !== undefined && !String(argv[i + 1]).startsWith('--') ? argv[++i] : undefined);
    if (flag === '--demo') out.source = 'demo';
    else if (flag === '--source') out.source = value() ?? out.source;
    else if (flag === '--token') out.token = value() ?? out.token;
    else if (flag === '--db') out.dbFile = value() ?? out.dbFile;
  }
  return out;
}
