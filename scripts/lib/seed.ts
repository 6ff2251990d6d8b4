// Seeds local storage from the repo: prompt files (flows/prompts/*.json) and flows (flows/*.json),
// written through the same stores the worker uses (D1 the source of truth, KV its projection), so
// it runs after the migrations. Idempotent and never clobbering: prompt versions already held win,
// moved labels stay, and a flow edited locally (in the editor) is kept; a flow unchanged since the
// last seed is updated. Datasets and eval definitions follow the same rules (seed-evals.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFlow, hasErrors, parseFlow } from '../../worker/engine';
import { flowStore, importLegacyKv, promptStore, type StoreDeps } from '../../worker/store';
import { describeEvalSeed, seedEvals, type EvalSeedReport } from './seed-evals';

export interface SeedReport {
  prompts: { name: string; added: number[]; labels: string[] }[];
  flows: { id: string; action: 'created' | 'updated' | 'unchanged' | 'kept-local-edits'; problems: number }[];
  errors: string[];
  /** Datasets and eval definitions (seed-evals.ts). */
  evals?: EvalSeedReport;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const seedMarkerKey = (id: string) => `seed:flow:${id}`;
const jsonFiles = (dir: string) => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};

export async function seedStores(deps: Required<Pick<StoreDeps, 'kv' | 'db'>>, root: string): Promise<SeedReport> {
  const { kv } = deps;
  const report: SeedReport = { prompts: [], flows: [], errors: [] };
  // Local state from a Weir that kept everything in KV comes into D1 first (idempotent).
  const legacy = await importLegacyKv(deps);
  report.errors.push(...legacy.errors);
  const prompts = promptStore(deps);
  for (const file of jsonFiles(join(root, 'flows', 'prompts'))) {
    try {
      const { name, added, labels } = await prompts.importFile(JSON.parse(readFileSync(file, 'utf8')));
      report.prompts.push({ name, added, labels });
    } catch (err) {
      report.errors.push(`${file}: ${(err as Error).message}`);
    }
  }
  const flows = flowStore(deps);
  for (const file of jsonFiles(join(root, 'flows'))) {
    try {
      const parsed = parseFlow(readFileSync(file, 'utf8'));
      if (!parsed.flow) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
      const flow = parsed.flow;
      const problems = parsed.problems.filter((p) => p.severity === 'error').length;
      if (hasErrors(parsed.problems)) report.errors.push(`${file}: stored as a draft with ${problems} problem(s)`);
      const text = formatFlow(flow);
      const stored = await flows.get(flow.id);
      const marker = await kv.get(seedMarkerKey(flow.id));
      let action: SeedReport['flows'][number]['action'];
      if (stored?.text === text) action = 'unchanged';
      else if (stored && marker !== sha256(stored.text)) action = 'kept-local-edits';
      else {
        await flows.put(flow.id, text, { name: flow.name, description: flow.description ?? '', public: flow.public === true, problems });
        action = stored ? 'updated' : 'created';
      }
      if (action !== 'kept-local-edits') await kv.put(seedMarkerKey(flow.id), sha256(text));
      report.flows.push({ id: flow.id, action, problems });
    } catch (err) {
      report.errors.push(`${file}: ${(err as Error).message}`);
    }
  }
  // After the flows: an eval's checks read its flow and its dataset.
  report.evals = await seedEvals(deps, root);
  return report;
}

/** Seeds the local D1 and KV that `wrangler dev --persist-to <persistTo>` uses (run it while dev is stopped, after migrating). */
export async function seedLocal(root: string, persistTo: string): Promise<SeedReport> {
  const { getPlatformProxy } = await import('wrangler');
  const proxy = await getPlatformProxy<{ WEIR_KV: KVNamespace; WEIR_DB: D1Database }>({
    configPath: join(root, 'wrangler.toml'),
    persist: { path: join(persistTo, 'v3') },
    remoteBindings: false,
    envFiles: [],
  });
  try {
    return await seedStores({ kv: proxy.env.WEIR_KV, db: proxy.env.WEIR_DB }, root);
  } finally {
    await proxy.dispose();
  }
}

export function describeSeed(report: SeedReport): string[] {
  const lines: string[] = [];
  const addedPrompts = report.prompts.filter((p) => p.added.length || p.labels.length);
  lines.push(`prompts: ${report.prompts.length} in repo, ${addedPrompts.length} with new versions or labels`);
  const byAction = (a: string) => report.flows.filter((f) => f.action === a).map((f) => f.id);
  lines.push(
    `flows: ${report.flows.length} in repo; created ${byAction('created').length}, updated ${byAction('updated').length}, unchanged ${byAction('unchanged').length}`,
  );
  const kept = byAction('kept-local-edits');
  if (kept.length) lines.push(`flows edited locally, left as they are: ${kept.join(', ')}`);
  for (const e of report.errors) lines.push(`warning: ${e}`);
  if (report.evals) lines.push(...describeEvalSeed(report.evals));
  return lines;
}
