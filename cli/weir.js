#!/usr/bin/env node
// The `weir` executable. The CLI is TypeScript (cli/main.ts). It runs from one esbuild bundle in
// node_modules/.cache/weir-cli, built on first use and again whenever one of its source files or
// the installed packages change (about a second): loaded whole, it starts in a fifth of the time
// tsx takes to load it file by file. Without esbuild it falls back to tsx.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules', '.cache', 'weir-cli');
const bundle = join(cache, 'weir.mjs');
const manifest = join(cache, 'inputs.json');

/** The bundle is fresh when no input (nor the lockfile, for packages) changed since it was built. */
function fresh() {
  try {
    const { builtAt, files } = JSON.parse(readFileSync(manifest, 'utf8'));
    return [...files, 'package-lock.json'].every((f) => statSync(join(root, f)).mtimeMs < builtAt);
  } catch {
    return false;
  }
}

async function build() {
  const esbuild = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  const builtAt = Date.now();
  // Parallel first runs each build their own copy; renames are atomic, so any one of them wins.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    metafile: true,
    logLevel: 'error',
    // Bundled CommonJS packages call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as weirCreateRequire } from 'node:module'; const require = weirCreateRequire(import.meta.url);" },
  });
  const files = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  renameSync(tmp, bundle);
  writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify({ builtAt, files }));
  renameSync(`${manifest}.${process.pid}.tmp`, manifest);
}

let entry = pathToFileURL(bundle).href;
if (!fresh()) {
  try {
    await build();
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    entry = './main.ts';
  }
}
await import(entry);
