// `npm run deploy`: a real deployment. Builds the editor, runs `wrangler deploy`, then pushes the
// flows and prompts in flows/ to the deployed worker with the weir CLI (and with --publish,
// publishes every flow, optionally pointing a label such as production at the new versions).
//   npm run deploy                                  deploy + push (needs WEIR_ADMIN_TOKEN)
//   npm run deploy -- --publish --label production  ... then publish and release every flow
//   npm run deploy -- --dry-run                     bundle with `wrangler deploy --dry-run`, print the plan; no network
// Flags: --url <deployed url> (default: from wrangler's output, else $WEIR_URL), --no-push,
// --no-editor-build. Before the first deploy: `wrangler kv namespace create weir` (put the id in
// wrangler.toml) and `wrangler secret put ADMIN_TOKEN` (and INVOKE_KEYS, OPENAI_API_KEY).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFlow } from '../worker/engine';
import { promptFile } from '../worker/store/prompt-schema';
import { nodeForWrangler } from './lib/dev-server';
import { ensureEditor } from './lib/editor';
import { applyMigrations } from './lib/migrate';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    publish: { type: 'boolean', default: false },
    label: { type: 'string' },
    url: { type: 'string' },
    'no-push': { type: 'boolean', default: false },
    'no-editor-build': { type: 'boolean', default: false },
  },
});
const dryRun = values['dry-run'];
const log = (line: string) => console.log(`weir deploy: ${line}`);
const fail = (message: string): never => {
  console.error(`weir deploy: ${message}`);
  process.exit(1);
};
if (values.label && !values.publish) fail('--label needs --publish (it points the label at the versions it publishes)');

/** Runs a child with inherited stderr; resolves with its exit code and stdout (also echoed). */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      process.stdout.write(d);
    });
    child.on('close', (code) => done({ code: code ?? 1, stdout }));
  });
}

// The banner's update check is wrangler's only network call in a dry run; hiding it keeps that offline.
const wrangler = (args: string[]) =>
  run(nodeForWrangler(root), [join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), ...args], {
    WRANGLER_SEND_METRICS: 'false',
    ...(dryRun ? { WRANGLER_HIDE_BANNER: 'true' } : {}),
  });
const weir = (args: string[], env: Record<string, string>) => run(nodeForWrangler(root), [join(root, 'cli', 'weir.js'), ...args], env);

const jsonFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => join(dir, f));

/** What `weir push` would send, read from the files (no network). */
function plan(): { flows: string[]; lines: string[] } {
  const lines: string[] = [];
  for (const file of jsonFiles(join(root, 'flows', 'prompts'))) {
    const parsed = promptFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) fail(`${file} is not a valid prompt file; run weir validate`);
    const p = parsed.data!;
    const labels = Object.entries(p.labels).map(([l, v]) => `${l} -> ${v}`);
    lines.push(`prompt ${p.name}: versions 1..${p.versions.length}${labels.length ? `, labels ${labels.join(', ')}` : ''}`);
  }
  const flows: string[] = [];
  for (const file of jsonFiles(join(root, 'flows'))) {
    const parsed = parseFlow(readFileSync(file, 'utf8'));
    if (!parsed.flow || !parsed.valid) fail(`${file} has problems; run weir validate (deploy pushes valid flows only)`);
    const flow = parsed.flow!;
    flows.push(flow.id);
    lines.push(`flow ${flow.id}${flow.public ? ' (public)' : ''}: ${flow.nodes.length} nodes`);
  }
  return { flows, lines };
}

/** The bundled worker scripts (source maps left out). */
const scriptsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))
    .map((f) => `${f} ${Math.round(statSync(join(dir, f)).size / 1024)} KB`);

const pushPlan = plan();
const token = process.env.WEIR_ADMIN_TOKEN;
if (!dryRun && !values['no-push'] && !token)
  fail("set WEIR_ADMIN_TOKEN to the deployed worker's ADMIN_TOKEN secret (wrangler secret put ADMIN_TOKEN), or pass --no-push");
if (!dryRun && /id\s*=\s*"0{32}"|database_id\s*=\s*"0{8}-/.test(readFileSync(join(root, 'wrangler.toml'), 'utf8')))
  fail(
    'wrangler.toml still has the placeholder KV namespace or D1 database id; run `npx wrangler kv namespace create weir` and `npx wrangler d1 create weir` and put their ids there',
  );

ensureEditor(root, { build: !values['no-editor-build'], log });

let url = values.url ?? process.env.WEIR_URL;
if (dryRun) {
  const outdir = mkdtempSync(join(tmpdir(), 'weir-deploy-'));
  log(`wrangler deploy --dry-run --outdir ${outdir}`);
  const result = await wrangler(['deploy', '--dry-run', '--outdir', outdir]);
  if (result.code !== 0) fail('wrangler deploy --dry-run failed');
  log(`worker bundle: ${scriptsIn(outdir).join(', ') || 'none'} (nothing uploaded)`);
  rmSync(outdir, { recursive: true, force: true });
  log(`would push to ${url ?? 'the deployed URL'} (weir push):`);
  for (const line of pushPlan.lines) log(`  ${line}`);
  if (values.publish)
    log(`would publish: ${pushPlan.flows.join(', ')}${values.label ? ` and point ${values.label} at the new versions` : ''}`);
  log('would apply D1 migrations remotely (wrangler d1 migrations apply WEIR_DB --remote)');
  log('dry run: nothing deployed, nothing pushed');
  process.exit(0);
}

log('wrangler d1 migrations apply WEIR_DB --remote');
if ((await applyMigrations({ root, remote: true })).code !== 0) fail('D1 migrations failed; nothing deployed');
log('wrangler deploy');
const deployed = await wrangler(['deploy']);
if (deployed.code !== 0) fail('wrangler deploy failed');
url ??= /https:\/\/[^\s]+\.workers\.dev/.exec(deployed.stdout)?.[0];
if (values['no-push']) process.exit(0);
if (!url) fail("could not find the deployed URL in wrangler's output; pass --url https://<your worker>");
const env = { WEIR_URL: url!, WEIR_ADMIN_TOKEN: token! };
log(`weir push --url ${url}`);
if ((await weir(['push'], env)).code !== 0) fail('weir push failed (the worker is deployed; fix and run `weir push` again)');
if (values.publish)
  for (const id of pushPlan.flows) {
    const args = ['publish', id, ...(values.label ? ['--label', values.label] : [])];
    if ((await weir(args, env)).code !== 0) fail(`weir publish ${id} failed`);
  }
log(`done: ${url}`);
