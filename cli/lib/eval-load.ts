// Loads an eval for `weir eval run` and `weir validate`: the eval file, its flow, its dataset
// (split, tags, pinned hash) and its variants as runnable flows (overrides applied; pinned
// versions fetched from a worker when asked for). Every problem is collected with its path.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseFlow, jsonPath, type Flow, type Problem } from '../../worker/engine';
import { datasetHash, hashMatches, parseDataset, type DatasetItem } from '../../worker/datasets';
import {
  checkEval,
  checkItems,
  evalProblem,
  evalSchema,
  noAssertionsWarning,
  prepareVariants,
  selectItems,
  type EvalFile,
  type PreparedVariant,
} from '../../worker/evals';
import { display, findFlowsDir } from './files';

export interface LoadedEval {
  evalFile?: EvalFile;
  flow?: Flow;
  items: DatasetItem[];
  allItems: DatasetItem[];
  hash?: string;
  variants: PreparedVariant[];
  problems: Problem[];
}

/** Fetches a pinned flow version (`@3`, `@production`) from a worker. */
export type VersionFetcher = (flowId: string, pin: string) => Promise<Flow>;

const err = evalProblem;

export async function loadEval(path: string, opts: { fetchVersion?: VersionFetcher; onlyVariants?: string[] } = {}): Promise<LoadedEval> {
  const out: LoadedEval = { items: [], allItems: [], variants: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    out.problems.push(err('$', 'json_syntax', `not valid JSON: ${(e as Error).message}`));
    return out;
  }
  const parsed = evalSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out.problems.push(err(jsonPath(issue.path as PropertyKey[]), 'invalid_eval', issue.message));
    return out;
  }
  const evalFile = parsed.data;
  out.evalFile = evalFile;
  const flowsDir = findFlowsDir(join(path, '..'));
  const flowPath = join(flowsDir, `${evalFile.flow}.json`);
  if (!existsSync(flowPath)) out.problems.push(err('$.flow', 'unknown_flow', `no flow file ${display(flowPath)}`));
  else {
    const flow = parseFlow(readFileSync(flowPath, 'utf8'));
    if (!flow.flow || !flow.valid)
      out.problems.push(err('$.flow', 'invalid_flow', `${display(flowPath)} is not a valid flow (run weir validate)`));
    out.flow = flow.flow;
  }

  const dsPath = join(dirname(flowsDir), 'datasets', `${evalFile.dataset.name}.jsonl`);
  if (!existsSync(dsPath)) out.problems.push(err('$.dataset.name', 'unknown_dataset', `no dataset file ${display(dsPath)}`));
  else {
    const ds = parseDataset(readFileSync(dsPath, 'utf8'));
    if (ds.problems.length)
      out.problems.push(
        err('$.dataset.name', 'invalid_dataset', `${display(dsPath)} has ${ds.problems.length} problem(s) (run weir validate)`),
      );
    out.allItems = ds.items;
    out.hash = await datasetHash(ds.items);
    const pin = evalFile.dataset.hash;
    if (pin && !hashMatches(out.hash, pin))
      out.problems.push(
        err(
          '$.dataset.hash',
          'dataset_changed',
          `the dataset's hash is ${out.hash.slice(0, 12)}, not the pinned ${pin}: it changed since the eval was pinned`,
        ),
      );
    out.items = selectItems(evalFile, ds.items);
    if (ds.items.length && out.items.length === 0)
      out.problems.push(err('$.dataset', 'no_items', 'no dataset item matches the split and tags'));
  }
  out.problems.push(
    ...checkEval(evalFile, out.flow),
    ...checkItems(out.items, evalFile, out.flow),
    ...noAssertionsWarning(evalFile, out.items),
  );

  const prepared = await prepareVariants(
    evalFile,
    async (flowId, version, where) => {
      if (flowId === evalFile.flow && version === 'draft') return out.flow ? { flow: out.flow } : undefined;
      if (version === 'draft') {
        const other = join(flowsDir, `${flowId}.json`);
        const flow = existsSync(other) ? parseFlow(readFileSync(other, 'utf8')).flow : undefined;
        return flow ? { flow } : err(where, 'unknown_flow', `no valid flow file ${display(other)}`);
      }
      if (!opts.fetchVersion)
        return {
          ...err(where, 'needs_worker', `${flowId}@${version} is a published version: pass --url to read it from a worker`),
          severity: 'warning',
        };
      try {
        return { flow: await opts.fetchVersion(flowId, version) };
      } catch (e) {
        return err(where, 'version_not_found', (e as Error).message);
      }
    },
    opts.onlyVariants,
  );
  out.problems.push(...prepared.problems);
  out.variants = prepared.variants;
  return out;
}
