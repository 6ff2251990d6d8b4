// `npm start`: a fresh clone to a running Weir, offline: .dev.vars with generated tokens, local KV
// seeded from flows/, the editor built, then `wrangler dev` on 127.0.0.1:8787. Ctrl+C stops it all.
// Flags: --port <n> (0 = any free port), --persist-to <dir>, --no-editor-build, --no-seed.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevVars } from './lib/dev-vars';
import { startDevServer } from './lib/dev-server';
import { ensureEditor } from './lib/editor';
import { describeSeed, seedLocal } from './lib/seed';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'persist-to': { type: 'string', default: join(root, '.wrangler', 'state') },
    'no-editor-build': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
  },
});
const log = (line: string) => console.log(`weir: ${line}`);

const { vars, created } = ensureDevVars(join(root, '.dev.vars'));
if (created.length) log(`created .dev.vars with ${created.join(' and ')}`);
if (!vars.OPENAI_API_KEY && !vars.PROVIDERS) log('no OPENAI_API_KEY in .dev.vars: models answer with the offline echo provider');

const persistTo = resolve(values['persist-to']);
if (!values['no-seed']) {
  log('seeding local KV from flows/ ...');
  for (const line of describeSeed(await seedLocal(root, persistTo))) log(line);
}
ensureEditor(root, { build: !values['no-editor-build'], log });

const server = await startDevServer({ root, port: Number(values.port), persistTo, output: 'inherit' });
const stopAll = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
void server.exited.then((code) => process.exit(code ?? 0));

console.log(`
  Weir is running at ${server.url}
  Admin token:  ${vars.ADMIN_TOKEN}   (in .dev.vars)
  Sign in:      ${server.url}/#token=${vars.ADMIN_TOKEN}
  Try:          curl -H "Authorization: Bearer ${vars.ADMIN_TOKEN}" ${server.url}/v1/flows
  Ctrl+C stops it.
`);
