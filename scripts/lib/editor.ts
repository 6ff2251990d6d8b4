// Makes sure editor/dist exists for wrangler's static assets: builds it when missing or older than
// the editor's sources (if the build script exists), else leaves a placeholder page.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string, skip: Set<string>): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path, skip) : statSync(path).mtimeMs);
  }
  return newest;
}

export type EditorState = 'fresh' | 'built' | 'placeholder' | 'build-failed' | 'stale-kept';

export function ensureEditor(root: string, opts: { build: boolean; log: (line: string) => void }): EditorState {
  const dist = join(root, 'editor', 'dist');
  const index = join(dist, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = existsSync(join(root, 'editor')) ? newestMtime(join(root, 'editor'), new Set(['dist', 'node_modules'])) : 0;
  if (built && built >= sources) return 'fresh';
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (opts.build && scripts['build:editor']) {
    opts.log(built ? 'editor sources changed; rebuilding editor/dist ...' : 'building the editor (editor/dist) ...');
    const result = spawnSync('npm', ['run', '--silent', 'build:editor'], { cwd: root, stdio: 'inherit' });
    if (result.status === 0 && existsSync(index)) return 'built';
    opts.log('warning: the editor build failed; serving what is there');
    if (built) return 'build-failed';
  }
  if (built) return 'stale-kept';
  mkdirSync(dist, { recursive: true });
  writeFileSync(
    index,
    '<!doctype html><meta charset="utf-8"><title>Weir</title><p>The editor is not built yet. Run <code>npm run build:editor</code>. The API is under <a href="/v1/health">/v1</a>.</p>\n',
  );
  return 'placeholder';
}
