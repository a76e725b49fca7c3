/**
 * electron-vite builds the desktop shell and the screens:
 *   out/main      Electron main process (electron/main/index.ts) + the engine worker
 *   out/preload   the sandboxed preload, bundled whole (a sandboxed preload cannot require externals)
 *   out/renderer  the Vue screens, also served as-is by the wall server (`luopan serve`)
 * The Node-only side (CLI, writer worker, wall server) is bundled by scripts/build.mjs with esbuild.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

/**
 * Main-process entries: the shell, and the workers it starts (each a bundle of its own, found
 * next to index.js at run time). A worker whose sources have not all landed yet is left out
 * rather than breaking the build.
 */
function mainEntries(): Record<string, string> {
  const at = (p: string) => resolve(__dirname, p);
  const entries: Record<string, string> = { index: at('electron/main/index.ts') };
  const workers: Record<string, string[]> = {
    'engine-worker': ['electron/engine/engine-worker.ts', 'electron/store/open.ts', 'electron/sim/server.ts', 'shared/aggregate/index.ts'],
    'writer-worker': ['electron/store/writer-worker.ts'],
  };
  for (const [name, needs] of Object.entries(workers)) {
    if (needs.every((p) => existsSync(at(p)))) entries[name] = at(needs[0] as string);
  }
  return entries;
}

export default defineConfig({
  main: {
    build: {
      // node_modules stay external: the main process requires them at run time (better-sqlite3 is native)
      externalizeDeps: true,
      outDir: 'out/main',
      rollupOptions: { input: mainEntries() },
    },
  },
  preload: {
    build: {
      // a sandboxed preload can require only `electron`: bundle everything else (zod of the contract)
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [vue()],
    // vue-i18n's compile-time flags: Composition API only, no devtools hooks in production
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // the screens load over the network on a wall TV: a minified bundle paints sooner
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
