// Vite for the editor: builds editor/dist for the worker's static assets; in development it
// serves the editor with hot reload, proxies /v1 to `wrangler dev` and writes flow files.
// The dev server serves only editor/, the engine and the pure dataset and eval code it imports
// (worker/datasets, worker/evals) and node_modules, to its own origin:
// no CORS, no dotfiles (.dev.vars, .wrangler/), a guard in front of every route (dev/guard-plugin.ts).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { flowFilesPlugin } from './dev/flow-files-plugin.ts';
import { guardPlugin } from './dev/guard-plugin.ts';

const workerPort = process.env.WEIR_WORKER_PORT ?? '8788';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const editorRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: editorRoot,
  plugins: [guardPlugin({ repoRoot, editorRoot }), react(), flowFilesPlugin({ repoRoot })],
  // Pre-bundled at start even with a warm cache: discovering a lazily imported dependency later
  // reloads the page under the user (charts load only when the Evals or Fine-tunes view opens).
  optimizeDeps: { include: ['recharts'] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEIR_EDITOR_PORT ?? 8787),
    strictPort: true,
    // Vite's default allows any http://localhost:* page to read every answer; the editor is same-origin.
    cors: false,
    proxy: { '/v1': { target: `http://127.0.0.1:${workerPort}`, changeOrigin: false } },
    fs: {
      strict: true,
      allow: [editorRoot, ...['worker/engine', 'worker/datasets', 'worker/evals', 'node_modules'].map((d) => join(repoRoot, d))],
      deny: ['.env', '.env.*', '*.{crt,pem,key}', '.dev.vars*', '.*', '**/.git/**', '**/.wrangler/**'],
    },
  },
});
