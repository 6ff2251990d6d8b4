// A hostile page on another local origin (another port on 127.0.0.1), as a tab the developer has
// open would be. It tries every way a page has to read from or write to the Weir dev server and
// reports what it could read. Served by a tiny static server on a free port.
import { createServer, type Server } from 'node:http';

export interface Attempt {
  how: string;
  url: string;
  /** What the page could read (empty when the browser or the server refused). */
  text: string;
}

export interface AttackPlan {
  /** URLs on the dev server whose content must stay unreadable (file paths, /v1, the save endpoint). */
  reads: string[];
  /** The save endpoint URL for a flow the attacker tries to write. */
  save: string;
  /** A run URL the attacker tries to trigger without reading the answer (spending the owner's money). */
  run: string;
  /** The admin token, as if the attacker had learnt it: even then nothing may be read or written. */
  token: string;
}

const script = (plan: AttackPlan) => `
const plan = ${JSON.stringify(plan)};
const results = [];
const note = (how, url, text) => results.push({ how, url, text: String(text ?? '') });
const auth = { authorization: 'Bearer ' + plan.token };
async function tryFetch(how, url, init) {
  try { const r = await fetch(url, init); note(how, url, r.type === 'opaque' ? '' : await r.text()); }
  catch (e) { note(how, url, ''); }
}
function tryXhr(url) {
  return new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open('GET', url);
    x.onload = () => { note('xhr', url, x.responseText); resolve(); };
    x.onerror = () => { note('xhr', url, ''); resolve(); };
    x.send();
  });
}
function tryTag(tag, url) {
  return new Promise((resolve) => {
    const el = document.createElement(tag);
    el.onload = () => { note(tag + '-loaded', url, ''); resolve(); };
    el.onerror = () => { note(tag, url, ''); resolve(); };
    el.src = url;
    document.body.appendChild(el);
    setTimeout(resolve, 3000);
  });
}
async function tryImport(url) {
  try { const m = await import(url); note('import', url, JSON.stringify(m.default ?? m)); }
  catch (e) { note('import', url, ''); }
}
window.attack = async () => {
  for (const url of plan.reads) {
    await tryFetch('fetch', url);
    await tryFetch('fetch-auth', url, { headers: auth });
    await tryFetch('fetch-credentials', url, { credentials: 'include' });
    await tryXhr(url);
    await tryTag('img', url);
    await tryTag('script', url);
    await tryImport(url.includes('?') ? url : url + '?raw');
  }
  const flow = JSON.stringify({ id: 'evil', version: 1, name: 'evil', nodes: [], edges: [] });
  await tryFetch('save-put', plan.save, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: flow });
  await tryFetch('save-no-cors-post', plan.save, { method: 'POST', mode: 'no-cors', body: flow });
  await tryFetch('run-no-cors', plan.run, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"input":{}}' });
  await tryFetch('run-auth', plan.run, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"input":{}}' });
  return results;
};
`;

export async function startAttackerPage(plan: AttackPlan): Promise<{ url: string; stop: () => Promise<void> }> {
  const html = `<!doctype html><meta charset="utf-8"><title>attacker</title><body><script>${script(plan)}</script></body>`;
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
