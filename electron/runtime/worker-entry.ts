/**
 * Where a worker thread's script is, for the engine and the writer worker alike:
 * - bundled (out/node/*.js, esbuild): `<name>.js` next to the calling module's bundle — esbuild
 *   puts every Node entry and chunk in out/node;
 * - from TypeScript sources (vitest, tsx): there is no .js next to the caller; the worker runs
 *   from `<name>.ts` through tsx, so tests always exercise the current sources, never a stale build.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** a script path, or (eval) the source of a tiny ESM bootstrap */
  script: string;
  eval: boolean;
}

/**
 * A .ts worker cannot be started with `execArgv: ['--import', 'tsx']` on Node 20 (the entry is
 * resolved before the hook is active: "Unknown file extension .ts"), so a bootstrap registers
 * tsx's ESM hooks in the worker and then imports the TypeScript entry.
 */
function tsBootstrap(tsFile: string): WorkerEntry {
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx'));
  const api = pathToFileURL(join(tsxDir, 'esm', 'api', 'index.mjs')).href;
  const entry = pathToFileURL(tsFile).href;
  return { script: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

/**
 * The entry of worker `name` (e.g. 'writer-worker') that sits beside the module at `callerUrl`
 * (its import.meta.url); `file` overrides it (a built worker for a test, or a .ts file).
 */
export function workerEntry(callerUrl: string, name: string, file?: string): WorkerEntry {
  if (file) return file.endsWith('.ts') ? tsBootstrap(file) : { script: file, eval: false };
  if (!fileURLToPath(callerUrl).endsWith('.ts')) {
    const js = fileURLToPath(new URL(`./${name}.js`, callerUrl));
    if (existsSync(js)) return { script: js, eval: false };
  }
  return tsBootstrap(fileURLToPath(new URL(`./${name}.ts`, callerUrl)));
}
