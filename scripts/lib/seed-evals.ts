// Seeds datasets (datasets/*.jsonl) and eval definitions (evals/*.eval.json) into local D1, the way
// seed.ts seeds flows: created when missing, updated when unchanged since the last seed (a marker
// in KV holds what the seed wrote), and kept as they are when edited later through the API or the
// editor. Datasets go first: an eval names one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { datasetHash, parseDataset } from '../../worker/datasets';
import { evalSchema } from '../../worker/evals/schema';
import { evalDefinitionStore } from '../../worker/eval-runs/definitions';
import { datasetStore } from '../../worker/store/datasets';
import type { StoreDeps } from '../../worker/store';

export type SeedAction = 'created' | 'updated' | 'unchanged' | 'kept-local-edits';

export interface EvalSeedReport {
  datasets: { name: string; action: SeedAction }[];
  evals: { name: string; action: SeedAction }[];
  errors: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const filesEnding = (dir: string, suffix: string) => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};

/** Decides from what is stored, what the file says and what the last seed wrote. */
function decide(stored: string | undefined, wanted: string, marker: string | null): SeedAction | 'write' {
  if (stored === wanted) return 'unchanged';
  if (stored !== undefined && marker !== stored) return 'kept-local-edits';
  return 'write';
}

export async function seedEvals(deps: Required<Pick<StoreDeps, 'kv' | 'db'>>, root: string): Promise<EvalSeedReport> {
  const { kv, db } = deps;
  const report: EvalSeedReport = { datasets: [], evals: [], errors: [] };
  const datasets = datasetStore(deps);
  const current = new Map((await datasets.list()).map((d) => [d.name, d.hash]));
  for (const file of filesEnding(join(root, 'datasets'), '.jsonl')) {
    const name = basename(file, '.jsonl');
    try {
      const text = readFileSync(file, 'utf8');
      const parsed = parseDataset(text);
      if (parsed.problems.length) throw new Error(`${parsed.problems.length} problem(s); run weir validate`);
      const markerKey = `seed:dataset:${name}`;
      const stored = current.get(name);
      const action = decide(stored, await datasetHash(parsed.items), await kv.get(markerKey));
      if (action === 'write') {
        const saved = await datasets.put(name, text);
        await kv.put(markerKey, saved.hash);
      } else if (action === 'unchanged') await kv.put(markerKey, stored!);
      report.datasets.push({ name, action: action === 'write' ? (stored ? 'updated' : 'created') : action });
    } catch (err) {
      report.errors.push(`${file}: ${(err as Error).message}`);
    }
  }
  const evals = evalDefinitionStore(db);
  for (const file of filesEnding(join(root, 'evals'), '.eval.json')) {
    const name = basename(file, '.eval.json');
    try {
      const parsed = evalSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`).join('; '));
      const definition = { ...parsed.data, name };
      const wanted = JSON.stringify(definition);
      const stored = await evals.get(name);
      const markerKey = `seed:eval:${name}`;
      const storedText = stored ? JSON.stringify(stored.definition) : undefined;
      const action = decide(storedText && sha256(storedText), sha256(wanted), await kv.get(markerKey));
      if (action === 'write') {
        await evals.put(name, definition);
        await kv.put(markerKey, sha256(JSON.stringify((await evals.get(name))!.definition)));
      } else if (action === 'unchanged') await kv.put(markerKey, sha256(wanted));
      report.evals.push({ name, action: action === 'write' ? (stored ? 'updated' : 'created') : action });
    } catch (err) {
      report.errors.push(`${file}: ${(err as Error).message}`);
    }
  }
  return report;
}

export function describeEvalSeed(report: EvalSeedReport): string[] {
  const lines: string[] = [];
  for (const [kind, list] of [
    ['datasets', report.datasets],
    ['evals', report.evals],
  ] as const) {
    const of = (a: SeedAction) => list.filter((x) => x.action === a).map((x) => x.name);
    lines.push(
      `${kind}: ${list.length} in repo; created ${of('created').length}, updated ${of('updated').length}, unchanged ${of('unchanged').length}`,
    );
    const kept = of('kept-local-edits');
    if (kept.length) lines.push(`${kind} edited through the API, left as they are: ${kept.join(', ')}`);
  }
  for (const e of report.errors) lines.push(`warning: ${e}`);
  return lines;
}
