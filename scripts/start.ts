// `npm start`: a fresh clone to a running Weir, offline: .dev.vars with generated tokens, local KV
// seeded from flows/, the editor built, then `wrangler dev` on 127.0.0.1:8787. Ctrl+C stops it all.
// Flags: --port <n> (0 = any free port), --persist-to <dir>, --env-file <path> (instead of
// .dev.vars), --no-editor-build, --no-seed, --no-migrate (a state dir migrated already), --machine (no banner; one `WEIR_READY {json}` line,
// used by the end-to-end suite).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevVars, parseDotenv } from './lib/dev-vars';
import { startDevServer } from './lib/dev-server';
import { ensureEditor } from './lib/editor';
import { applyMigrations } from './lib/migrate';
import { portIsFree, portInUseMessage } from './lib/port-check';
import { describeSeed, seedLocal, type SeedReport } from './lib/seed';
import { startEditorDev } from '../editor/dev/start-vite';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'persist-to': { type: 'string', default: join(root, '.wrangler', 'state') },
    'env-file': { type: 'string', multiple: true },
    'no-editor-build': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    'no-migrate': { type: 'boolean', default: false },
    machine: { type: 'boolean', default: false },
    // Serve the worker's built editor/dist instead of the editor through Vite (no hot reload, no flow-file saves).
    'no-vite': { type: 'boolean', default: false },
  },
});
const machine = values.machine;
const log = (line: string) => (machine ? undefined : console.log(`weir: ${line}`));

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`weir: --port must be a number from 0 to 65535, got "${values.port}"`);
  process.exit(1);
}
if (!(await portIsFree(port))) {
  console.error(portInUseMessage(port));
  process.exit(1);
}

const envFiles = values['env-file']?.map((f) => resolve(f));
let vars: Record<string, string>;
if (envFiles?.length) vars = Object.assign({}, ...envFiles.map((f) => parseDotenv(readFileSync(f, 'utf8'))));
else {
  const devVars = ensureDevVars(join(root, '.dev.vars'));
  vars = devVars.vars;
  if (devVars.created.length) log(`created .dev.vars with ${devVars.created.join(' and ')}`);
}
if (!vars.OPENAI_API_KEY && !vars.PROVIDERS) log('no OPENAI_API_KEY in .dev.vars: models answer with the offline echo provider');

const persistTo = resolve(values['persist-to']);
if (!values['no-migrate']) {
  log('applying D1 migrations locally ...');
  const migrated = await applyMigrations({ root, persistTo });
  if (migrated.code !== 0) {
    console.error(`weir: D1 migrations failed:\n${migrated.output}`);
    process.exit(1);
  }
}
let seed: SeedReport | undefined;
if (!values['no-seed']) {
  log('seeding local KV from flows/ ...');
  seed = await seedLocal(root, persistTo);
  describeSeed(seed).forEach(log);
}
ensureEditor(root, { build: !values['no-editor-build'], log: (line) => log(line) });

// Interactively, Vite takes the user's port (editor with hot reload, saves written to flows/) and
// proxies /v1 to wrangler on a free port; --machine and --no-vite run wrangler alone on the port.
const useVite = !machine && !values['no-vite'];
const server = await startDevServer({
  root,
  port: useVite ? 0 : port,
  persistTo,
  envFiles,
  output: machine ? 'collect' : 'inherit',
});
const editor = useVite
  ? await startEditorDev({
      root,
      port,
      workerPort: server.port,
      adminToken: vars.ADMIN_TOKEN,
      output: 'inherit',
    }).catch(async (err: Error) => {
      await server.stop();
      throw err;
    })
  : undefined;
if (editor) server.url = editor.url;
void editor?.exited.then(() => stopAll());
const stopAll = async () => {
  await editor?.stop();
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
void server.exited.then((code) => {
  if (machine) process.stderr.write(server.log());
  process.exit(code ?? 1);
});

if (machine) console.log(`WEIR_READY ${JSON.stringify({ url: server.url, wranglerPid: server.child.pid, seed })}`);
else {
  const invokeKey = (vars.INVOKE_KEYS ?? '').split(',')[0]?.trim();
  const question = JSON.stringify({ input: { question: 'How do I troubleshoot error code E5 on the X1000?' } });
  console.log(`
  Weir is running at ${server.url}
  Sign in:      ${server.url}/#token=${vars.ADMIN_TOKEN}
  Admin token:  ${vars.ADMIN_TOKEN}   (management API; in .dev.vars)
  Invoke key:   ${invokeKey}   (calling flows; INVOKE_KEYS in .dev.vars)
  For the README's examples, in another terminal:
                export WEIR_INVOKE_KEY=${invokeKey}
  Try:          curl ${server.url}/v1/flows/support-x1000/run -H "Authorization: Bearer ${invokeKey}" \\
                  -H 'content-type: application/json' -d '${question}'
  Ctrl+C stops it.
`);
}
