// Issue 8 §1: the dev server `npm start` runs (Vite in front of wrangler dev) must not hand a
// secret to anyone but the editor's own pages. A hostile page on another local origin tries
// fetch, XHR, <img>, <script> and import() in real Chromium; direct HTTP requests try the path
// tricks (/@fs/, /@id/, ?raw/?import/?url, encodings, symlinks). Goal: 0 secrets reachable.
import { existsSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from '../browser/harness';
import { startAttackerPage, type Attempt } from './attacker-page';
import { startLeakStack, type LeakStack } from './dev-server-stack';
import { root } from './harness';

let stack: LeakStack;
beforeAll(async () => {
  stack = await startLeakStack();
});
afterAll(async () => {
  await stack?.stop();
});

const secretsIn = (text: string) => Object.values(stack.secrets).filter((s) => text.includes(s));

/** Every file of the temporary local state under .wrangler/ (KV, D1, R2 as wrangler keeps them). */
function stateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? stateFiles(path) : [path];
  });
}

/** The paths an attacker would try for a secret file, every trick included. */
function tricks(file: string): string[] {
  const rel = file.slice(root.length); // "/.dev.vars.leaktest-…" or "/.wrangler/…"
  const encodedDot = rel.replace('/.', '/%2e');
  return [
    `/@fs${file}`,
    `/@fs${file}?raw`,
    `/@fs${file}?import`,
    `/@fs${file}?url`,
    `/@fs${file}?raw&import`,
    `/@fs${file}?import&raw`,
    `/@fs${root}${encodedDot}`,
    `/@fs${root}${rel.replace('/.', '/%252e')}`,
    `/@fs${root}/editor/..${rel}`,
    `/@fs${root}/editor/%2e%2e${rel}`,
    `/@id${file}?raw`,
    `/@id/__x00__${file}`,
    `/..${rel}`,
    `/%2e%2e${rel}`,
    `/..%2f..${rel}`,
    `/@fs/${file}?raw`,
    `${file}?raw`,
    `${file}?import`,
    `/@fs${file.replaceAll('/', '//')}?raw`,
  ];
}

describe('the dev server seen from another local origin', () => {
  test('a hostile page on another port reads 0 secrets and writes no flow file, in Chromium', async () => {
    const targets = [stack.envFile, join(stack.stateDir, 'marker.txt'), ...stateFiles(join(stack.stateDir, 'state')).slice(0, 6)];
    const reads = [
      ...targets.flatMap((f) => [`${stack.url}/@fs${f}`, `${stack.url}/@fs${f}?raw`, `${stack.url}/@fs${f}?import`]),
      `${stack.url}/@fs${root}/.dev.vars`,
      `${stack.url}/v1/flows`,
      `${stack.url}/v1/health`,
      `${stack.url}/__weir/flows/`,
      `${stack.url}/`,
    ];
    const page = await startAttackerPage({
      reads,
      save: `${stack.url}/__weir/flows/evil`,
      run: `${stack.url}/v1/flows/email-announcement/run`,
      token: stack.secrets.adminToken,
    });
    const browser = await launch();
    let results: Attempt[] = [];
    try {
      const tab = await browser.newPage();
      await tab.goto(page.url);
      results = (await tab.evaluate('window.attack()')) as Attempt[];
    } finally {
      await browser.close();
      await page.stop();
    }
    const leaked = new Set(results.flatMap((r) => secretsIn(r.text)));
    const readable = results.filter((r) => r.text !== '');
    console.log(`secrets reachable from another local origin: ${leaked.size} (of ${results.length} attempts, ${readable.length} readable)`);
    expect(results.length).toBeGreaterThan(reads.length * 6);
    expect([...leaked]).toEqual([]);
    // Nothing at all is readable cross-origin: not the editor's own page, not /v1/health.
    expect(readable.map((r) => `${r.how} ${r.url}`)).toEqual([]);
    expect(existsSync(join(stack.flowsDir, 'evil.json'))).toBe(false);
  });
});

describe('the dev server over plain HTTP', () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.url}${path}`, { headers, redirect: 'manual' });

  test('every path trick towards the env file and the local state is refused without a byte of them', async () => {
    const files = [stack.envFile, join(stack.stateDir, 'marker.txt'), ...stateFiles(join(stack.stateDir, 'state'))];
    const paths = files.flatMap(tricks);
    let served = 0;
    const leaked = new Set<string>();
    for (const path of paths) {
      const res = await get(path);
      const text = await res.text();
      secretsIn(text).forEach((s) => leaked.add(s));
      if (res.status < 300) served++;
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    console.log(`direct path tricks: ${paths.length} requests, ${served} served, ${leaked.size} secrets`);
    expect([...leaked]).toEqual([]);
  });

  test('the developer’s .dev.vars and files outside editor/ are refused (without reading .dev.vars)', async () => {
    for (const path of [
      `/@fs${root}/.dev.vars`,
      `/@fs${root}/.dev.vars?raw`,
      `/@fs${root}/.git/config`,
      `/@fs${root}/package.json`,
      `/@fs${root}/wrangler.toml?raw`,
      `/@fs${root}/worker/index.ts`,
      `/@fs${root}/worker/providers/openai.ts?raw`,
      `/@fs/etc/passwd`,
      `${root}/package.json?raw`,
      `${root}/worker/index.ts?import`,
      `/etc/passwd?raw`,
      `/.well-known/../.dev.vars`,
    ]) {
      const res = await get(path);
      await res.body?.cancel();
      expect(res.status, path).toBe(403);
    }
  });

  test('a symlink inside editor/ that points at a secret is not followed', async () => {
    const link = join(root, 'editor', `leaktest-link-${process.pid}.txt`);
    symlinkSync(stack.envFile, link);
    try {
      for (const path of [`/leaktest-link-${process.pid}.txt`, `/leaktest-link-${process.pid}.txt?raw`, `/@fs${link}?raw`]) {
        const res = await get(path);
        expect(secretsIn(await res.text()), path).toEqual([]);
        expect(res.status, path).toBe(403);
      }
    } finally {
      rmSync(link, { force: true });
    }
  });

  test('malformed percent-encoding answers 400 everywhere, the save endpoint included', async () => {
    for (const path of ['/%E0%A4%A', '/@fs/%E0%A4%A', '/%zz', '/src/%', '/v1/flows/%E0%A4%A', '/__weir/flows/%E0%A4%A']) {
      const res = await fetch(`${stack.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${stack.secrets.adminToken}` } });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
  });

  test('no CORS header is given to another origin, on files, the editor or the /v1 proxy', async () => {
    for (const path of ['/', '/@vite/client', '/v1/health', '/v1/flows']) {
      const res = await get(path, { origin: 'http://localhost:5173' });
      await res.body?.cancel();
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(res.status, path).toBe(403);
      const preflight = await fetch(`${stack.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'PUT' },
      });
      await preflight.body?.cancel();
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  test('the save endpoint refuses another origin even with the admin token, and accepts the editor’s own', async () => {
    const body = JSON.stringify({ id: 'origin-check', version: 1, name: 'Origin check', nodes: [], edges: [] });
    const save = (headers: Record<string, string>) =>
      fetch(`${stack.url}/__weir/flows/origin-check`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.secrets.adminToken}`, 'content-type': 'application/json', ...headers },
        body,
      });
    const foreign: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:1' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const res = await save(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      await res.body?.cancel();
    }
    expect(existsSync(join(stack.flowsDir, 'origin-check.json'))).toBe(false);
    const wrongToken = await save({ authorization: 'Bearer nope' });
    expect(wrongToken.status).toBe(401);
    const own = await save({ origin: stack.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(existsSync(join(stack.flowsDir, 'origin-check.json'))).toBe(true);
    const huge = await fetch(`${stack.url}/__weir/flows/origin-check`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.secrets.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'origin-check', padding: 'x'.repeat(300 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const deep = await fetch(`${stack.url}/__weir/flows/origin-check`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.secrets.adminToken}`, 'content-type': 'application/json' },
      body: `{"id": "origin-check", "nodes": [${'['.repeat(20000)}${']'.repeat(20000)}]}`,
    });
    expect(deep.status).toBe(400);
  });

  test('a foreign Host header (DNS rebinding) is refused', async () => {
    for (const path of ['/', '/v1/flows', `/@fs${root}/worker/engine/index.ts`]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${stack.url}${path}`,
          { headers: { host: 'attacker.example:80', origin: 'http://attacker.example' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.once('error', reject);
        req.end();
      });
      expect(status, path).toBe(403);
    }
  });

  test('the editor itself is still served to its own origin', async () => {
    for (const path of ['/', '/src/main.tsx', '/@vite/client', `/@fs${root}/worker/engine/index.ts`]) {
      const res = await get(path, { 'sec-fetch-site': 'same-origin' });
      await res.body?.cancel();
      expect(res.status, path).toBe(200);
    }
    // A URL typed into the address bar or opened from the terminal.
    const typed = await get('/', { 'sec-fetch-site': 'none' });
    await typed.body?.cancel();
    expect(typed.status).toBe(200);
    const health = await get('/v1/health', { origin: stack.url, 'sec-fetch-site': 'same-origin' });
    expect(health.status).toBe(200);
    expect(secretsIn(await health.text())).toEqual([]);
  });
});
