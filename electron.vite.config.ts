/**
 * electron-vite builds the desktop shell and the screens:
 *   out/main      Electron main process (electron/main/index.ts) + the engine worker
 *   out/preload   the sandboxed preload, bundled whole (a sandboxed preload cannot require externals)
 *   out/renderer  the Vue screens, also served as-is by the wall server (`luopan serve`)
 * The Node-only side (CLI, writer worker, wall server) is bundled by scripts/build.mjs with esbuild.
 */
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
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
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
