// Vite for the editor: builds editor/dist for the worker's static assets; in development it
// serves the editor with hot reload, proxies /v1 to `wrangler dev` and writes flow files.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { flowFilesPlugin } from './dev/flow-files-plugin.ts';

const workerPort = process.env.WEIR_WORKER_PORT ?? '8788';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), flowFilesPlugin({ repoRoot })],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEIR_EDITOR_PORT ?? 8787),
    strictPort: true,
    proxy: { '/v1': { target: `http://127.0.0.1:${workerPort}`, changeOrigin: false } },
    fs: { allow: [repoRoot] },
  },
});
