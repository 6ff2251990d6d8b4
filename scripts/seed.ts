// `npm run seed`: seeds local KV from flows/ without starting the server (stop `npm start` first;
// it seeds on every start anyway). Flag: --persist-to <dir>.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeSeed, seedLocal } from './lib/seed';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'persist-to': { type: 'string', default: join(root, '.wrangler', 'state') } } });
const report = await seedLocal(root, resolve(values['persist-to']));
for (const line of describeSeed(report)) console.log(`weir: ${line}`);
process.exitCode = report.errors.some((e) => !e.includes('stored as a draft')) ? 1 : 0;
