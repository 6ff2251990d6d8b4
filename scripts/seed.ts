// `npm run seed`: seeds local KV and D1 from flows/, datasets/ and evals/ without starting the
// server (stop `npm start` first; it seeds on every start anyway). Flags: --persist-to <dir>,
// --migrate (apply the D1 migrations first, for a fresh state dir), --report <file> (the seed
// report as JSON, for tools).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations } from './lib/migrate';
import { describeSeed, seedLocal } from './lib/seed';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'persist-to': { type: 'string', default: join(root, '.wrangler', 'state') },
    migrate: { type: 'boolean', default: false },
    report: { type: 'string' },
  },
});
const persistTo = resolve(values['persist-to']);
if (values.migrate) {
  const migrated = await applyMigrations({ root, persistTo });
  if (migrated.code !== 0) {
    console.error(`weir: D1 migrations failed:\n${migrated.output}`);
    process.exit(1);
  }
}
const report = await seedLocal(root, persistTo);
if (values.report) writeFileSync(values.report, JSON.stringify(report));
for (const line of describeSeed(report)) console.log(`weir: ${line}`);
process.exitCode = report.errors.some((e) => !e.includes('stored as a draft')) ? 1 : 0;
