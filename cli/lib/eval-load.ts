// Loads an eval for `weir eval run` and `weir validate`: the eval file, its flow, its dataset
// (split, tags, pinned hash) and its variants as runnable flows (overrides applied; pinned
// versions fetched from a worker when asked for). Every problem is collected with its path.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseFlow, jsonPath, validateFlow, type Flow, type Problem } from '../../worker/engine';
import { datasetHash, hashMatches, parseDataset, type DatasetItem } from '../../worker/datasets';
import {
  applyOverrides,
  compileRegex,
  evalSchema,
  MODEL_GRADED,
  type Assertion,
  type EvalFile,
  type PreparedVariant,
} from '../../worker/evals';
import { compileExpression } from '../../worker/engine';
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

const err = (path: string, code: string, message: string, nodeId?: string): Problem => ({
  code,
  message,
  path,
  severity: 'error',
  ...(nodeId ? { nodeId } : {}),
});

function checkAssertionList(
  list: readonly Assertion[],
  prefix: string,
  evalFile: EvalFile,
  flow: Flow | undefined,
  problems: Problem[],
): void {
  const nodeIds = new Set(flow?.nodes.map((n) => n.id) ?? []);
  list.forEach((a, i) => {
    const path = `${prefix}[${i}]`;
    try {
      if (a.type === 'regex') compileRegex(a.value, a.flags);
      if (a.type === 'cel') compileExpression(a.value);
    } catch (e) {
      problems.push(err(`${path}.value`, 'invalid_assertion', (e as Error).message));
    }
    if (a.type === 'node' && flow && !nodeIds.has(a.node))
      problems.push(err(`${path}.node`, 'unknown_node', `flow "${flow.id}" has no node "${a.node}"`, a.node));
    if (MODEL_GRADED.includes(a.type) && !evalFile.judge)
      problems.push(err(path, 'judge_missing', `${a.type} needs a judge: add "judge": {"model": ...}`));
  });
}

/** Item-level assertions and node-level items, checked against the eval's flow. */
function checkItems(items: readonly DatasetItem[], evalFile: EvalFile, flow: Flow | undefined, problems: Problem[]): void {
  const modelNodes = new Set(flow?.nodes.filter((n) => n.type === 'prompt' || n.type === 'finetuned').map((n) => n.id) ?? []);
  for (const item of items) {
    if (item.assert) checkAssertionList(item.assert, `dataset item ${item.id}: $.assert`, evalFile, flow, problems);
    if (item.messages && flow && !modelNodes.has(item.node ?? ''))
      problems.push(
        err(
          `dataset item ${item.id}: $.node`,
          'unknown_node',
          item.node ? `flow "${flow.id}" has no model node "${item.node}"` : 'a node-level item names the node it targets',
        ),
      );
  }
}

function checkAssertions(evalFile: EvalFile, flow: Flow | undefined, problems: Problem[]): void {
  checkAssertionList(evalFile.assert ?? [], '$.assert', evalFile, flow, problems);
  if (evalFile.pairwise?.length && !evalFile.judge) problems.push(err('$.pairwise', 'judge_missing', 'pairwise judging needs a judge'));
  const names = new Set(evalFile.variants.map((v) => v.name));
  evalFile.variants.forEach((v, i) => {
    if (evalFile.variants.findIndex((w) => w.name === v.name) !== i)
      problems.push(err(jsonPath(['variants', i, 'name']), 'duplicate_variant', `variant "${v.name}" is named twice`));
  });
  (evalFile.pairwise ?? []).forEach((p, i) => {
    for (const side of ['a', 'b'] as const)
      if (!names.has(p[side])) problems.push(err(jsonPath(['pairwise', i, side]), 'unknown_variant', `no variant "${p[side]}"`));
  });
  const c = evalFile.comparison;
  if (c)
    for (const side of ['prompt', 'finetuned'] as const)
      if (!names.has(c[side])) problems.push(err(`$.comparison.${side}`, 'unknown_variant', `no variant "${c[side]}"`));
}

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
    const { split, tags } = evalFile.dataset;
    out.items = ds.items.filter((i) => (!split || i.split === split) && (!tags || tags.some((t) => i.tags?.includes(t))));
    if (ds.items.length && out.items.length === 0)
      out.problems.push(err('$.dataset', 'no_items', 'no dataset item matches the split and tags'));
  }
  checkAssertions(evalFile, out.flow, out.problems);
  checkItems(out.items, evalFile, out.flow, out.problems);
  if (!evalFile.assert?.length && out.items.length && !out.items.some((i) => i.assert?.length))
    out.problems.push({
      ...err('$.assert', 'no_assertions', 'neither the eval nor its items assert anything: every run that completes passes'),
      severity: 'warning',
    });

  const wanted = opts.onlyVariants?.length ? evalFile.variants.filter((v) => opts.onlyVariants!.includes(v.name)) : evalFile.variants;
  for (const name of opts.onlyVariants ?? [])
    if (!evalFile.variants.some((v) => v.name === name)) out.problems.push(err('$.variants', 'unknown_variant', `no variant "${name}"`));
  for (const v of wanted) {
    const index = evalFile.variants.indexOf(v);
    const pin = v.flow ?? '@draft';
    const [idPart, version] = pin.split('@');
    const flowId = idPart || evalFile.flow;
    let base: Flow | undefined = flowId === evalFile.flow && version === 'draft' ? out.flow : undefined;
    if (!base && version === 'draft') {
      const other = join(flowsDir, `${flowId}.json`);
      base = existsSync(other) ? parseFlow(readFileSync(other, 'utf8')).flow : undefined;
      if (!base) out.problems.push(err(jsonPath(['variants', index, 'flow']), 'unknown_flow', `no valid flow file ${display(other)}`));
    } else if (!base) {
      if (!opts.fetchVersion) {
        out.problems.push({
          ...err(
            jsonPath(['variants', index, 'flow']),
            'needs_worker',
            `${flowId}@${version} is a published version: pass --url to read it from a worker`,
          ),
          severity: 'warning',
        });
        continue;
      }
      try {
        base = await opts.fetchVersion(flowId, version);
      } catch (e) {
        out.problems.push(err(jsonPath(['variants', index, 'flow']), 'version_not_found', (e as Error).message));
      }
    }
    if (!base) continue;
    const applied = applyOverrides(base, v.overrides, ['variants', index]);
    out.problems.push(...applied.problems);
    const flowProblems = validateFlow(applied.flow).filter((p) => p.severity === 'error');
    for (const p of flowProblems)
      out.problems.push({ ...p, path: `${jsonPath(['variants', index])} → flow ${p.path}`, code: 'variant_invalid' });
    const systemOverrides = Object.fromEntries(
      Object.entries(v.overrides ?? {}).flatMap(([id, o]) => (o.system === undefined ? [] : [[id, o.system]])),
    );
    out.variants.push({
      name: v.name,
      flow: applied.flow,
      ref: `${flowId}@${version}`,
      ...(v.description ? { description: v.description } : {}),
      systemOverrides,
    });
  }
  return out;
}
