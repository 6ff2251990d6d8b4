// The dev server's request guard (editor/dev/request-guard.ts) as pure functions: which requests
// count as another origin, how URLs are decoded, and which paths may be served.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crossOrigin, decodePath, servable } from '../../editor/dev/request-guard';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'weir-guard-')));
const root = join(base, 'editor');
const engine = join(base, 'worker', 'engine');
mkdirSync(join(root, 'src'), { recursive: true });
mkdirSync(engine, { recursive: true });
writeFileSync(join(root, 'src', 'main.tsx'), 'export {};');
writeFileSync(join(engine, 'index.ts'), 'export {};');
writeFileSync(join(base, '.dev.vars'), 'ADMIN_TOKEN=x');
writeFileSync(join(base, 'package.json'), '{}');
symlinkSync(join(base, '.dev.vars'), join(root, 'innocent.txt'));
symlinkSync(join(base, 'package.json'), join(root, 'pkg.json'));
const opts = { root, roots: [root, engine] };
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('crossOrigin', () => {
  it('lets same-origin, typed and non-browser requests through', () => {
    expect(crossOrigin({ host: '127.0.0.1:8787', 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:8787' })).toBeUndefined();
    expect(crossOrigin({ host: '127.0.0.1:8787', 'sec-fetch-site': 'none' })).toBeUndefined();
    expect(crossOrigin({ host: '127.0.0.1:8787' })).toBeUndefined();
  });

  it('refuses other ports on localhost, other sites and opaque origins', () => {
    expect(crossOrigin({ host: '127.0.0.1:8787', 'sec-fetch-site': 'same-site' })).toContain('same-site');
    expect(crossOrigin({ host: '127.0.0.1:8787', 'sec-fetch-site': 'cross-site' })).toContain('cross-site');
    expect(crossOrigin({ host: '127.0.0.1:8787', origin: 'http://127.0.0.1:5173' })).toContain('Origin');
    expect(crossOrigin({ host: '127.0.0.1:8787', origin: 'null' })).toContain('Origin');
  });
});

describe('decodePath', () => {
  it('decodes until stable, so double encoding cannot hide a dot', () => {
    expect(decodePath('/@fs/a/%252edev.vars?raw')).toBe('/@fs/a/.dev.vars');
    expect(decodePath('/src/main.tsx?import#x')).toBe('/src/main.tsx');
  });

  it('answers 400 for malformed escapes and NUL bytes', () => {
    for (const url of ['/%E0%A4%A', '/%zz', '/a%', '/a%00b']) expect(decodePath(url)).toMatchObject({ status: 400 });
  });
});

describe('servable', () => {
  it('serves the editor and the engine', () => {
    expect(servable('/src/main.tsx', opts)).toBeUndefined();
    expect(servable(`/@fs${engine}/index.ts`, opts)).toBeUndefined();
    expect(servable('/@vite/client', opts)).toBeUndefined();
    expect(servable('/v1/flows', opts)).toBeUndefined();
  });

  it('refuses dotfiles, parent segments, files outside the roots and symlinks out of them', () => {
    for (const path of [
      `/@fs${base}/.dev.vars`,
      '/.dev.vars',
      '/a/.wrangler/state/x',
      '/../package.json',
      `/@fs${base}/package.json`,
      `${base}/package.json`,
      `/@id${base}/package.json`,
      `/@id/__x00__${base}/package.json`,
      '/innocent.txt',
      '/pkg.json',
      `/@fs${root}/pkg.json`,
    ])
      expect(servable(path, opts), path).toMatchObject({ status: 403 });
  });
});
