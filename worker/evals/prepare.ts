// Preparing an eval to run, wherever it runs (the CLI in Node, the worker's Workflow): checks the
// eval against its flow and items (assertions compile, nodes exist, variants and judges are named),
// selects the items (split, tags) and turns each variant into a runnable flow (its base flow with
// the overrides applied, validated). Where the base flows come from is the caller's business.
import { compileExpression, jsonPath, validateFlow, type Flow, type Problem } from '../engine';
import type { DatasetItem } from '../datasets/schema';
import { MODEL_GRADED, type Assertion } from './assertion-schema';
import { compileRegex } from './assertions';
import type { PreparedVariant } from './run-eval';
import type { EvalFile } from './schema';
import { applyOverrides } from './variant';

export const evalProblem = (path: string, code: string, message: string, nodeId?: string): Problem => ({
  code,
  message,
  path,
  severity: 'error',
  ...(nodeId ? { nodeId } : {}),
});

function checkAssertionList(list: readonly Assertion[], prefix: string, evalFile: EvalFile, flow: Flow | undefined, problems: Problem[]): void {
  const nodeIds = new Set(flow?.nodes.map((n) => n.id) ?? []);
  list.forEach((a, i) => {
    const path = `${prefix}[${i}]`;
    try {
      if (a.type === 'regex') compileRegex(a.value, a.flags);
      if (a.type === 'cel') compileExpression(a.value);
    } catch (e) {
      problems.push(evalProblem(`${path}.value`, 'invalid_assertion', (e as Error).message));
    }
    if (a.type === 'node' && flow && !nodeIds.has(a.node))
      problems.push(evalProblem(`${path}.node`, 'unknown_node', `flow "${flow.id}" has no node "${a.node}"`, a.node));
    if (MODEL_GRADED.includes(a.type) && !evalFile.judge)
      problems.push(evalProblem(path, 'judge_missing', `${a.type} needs a judge: add "judge": {"model": ...}`));
  });
}

/** Item-level assertions and node-level items, checked against the eval's flow. */
export function checkItems(items: readonly DatasetItem[], evalFile: EvalFile, flow: Flow | undefined): Problem[] {
  const problems: Problem[] = [];
  const modelNodes = new Set(flow?.nodes.filter((n) => n.type === 'prompt' || n.type === 'finetuned').map((n) => n.id) ?? []);
  for (const item of items) {
    if (item.assert) checkAssertionList(item.assert, `dataset item ${item.id}: $.assert`, evalFile, flow, problems);
    if (item.messages && flow && !modelNodes.has(item.node ?? ''))
      problems.push(
        evalProblem(
          `dataset item ${item.id}: $.node`,
          'unknown_node',
          item.node ? `flow "${flow.id}" has no model node "${item.node}"` : 'a node-level item names the node it targets',
        ),
      );
  }
  return problems;
}

/** The eval's own assertions, variant names, pairwise pairs and comparison, against its flow. */
export function checkEval(evalFile: EvalFile, flow: Flow | undefined): Problem[] {
  const problems: Problem[] = [];
  checkAssertionList(evalFile.assert ?? [], '$.assert', evalFile, flow, problems);
  if (evalFile.pairwise?.length && !evalFile.judge) problems.push(evalProblem('$.pairwise', 'judge_missing', 'pairwise judging needs a judge'));
  const names = new Set(evalFile.variants.map((v) => v.name));
  evalFile.variants.forEach((v, i) => {
    if (evalFile.variants.findIndex((w) => w.name === v.name) !== i)
      problems.push(evalProblem(jsonPath(['variants', i, 'name']), 'duplicate_variant', `variant "${v.name}" is named twice`));
  });
  (evalFile.pairwise ?? []).forEach((p, i) => {
    for (const side of ['a', 'b'] as const)
      if (!names.has(p[side])) problems.push(evalProblem(jsonPath(['pairwise', i, side]), 'unknown_variant', `no variant "${p[side]}"`));
  });
  const c = evalFile.comparison;
  if (c)
    for (const side of ['prompt', 'finetuned'] as const)
      if (!names.has(c[side])) problems.push(evalProblem(`$.comparison.${side}`, 'unknown_variant', `no variant "${c[side]}"`));
  return problems;
}

/** The items an eval runs on: its split and tags. */
export const selectItems = (evalFile: EvalFile, items: readonly DatasetItem[], split = evalFile.dataset.split): DatasetItem[] => {
  const { tags } = evalFile.dataset;
  return items.filter((i) => (!split || i.split === split) && (!tags || tags.some((t) => i.tags?.includes(t))));
};

export const noAssertionsWarning = (evalFile: EvalFile, items: readonly DatasetItem[]): Problem[] =>
  !evalFile.assert?.length && items.length && !items.some((i) => i.assert?.length)
    ? [{ ...evalProblem('$.assert', 'no_assertions', 'neither the eval nor its items assert anything: every run that completes passes'), severity: 'warning' }]
    : [];

/** A variant's base flow: the flow, or problems saying why there is none (`undefined`: skip quietly). */
export type BaseFlowLoader = (flowId: string, version: string, path: string) => Promise<{ flow: Flow; ref?: string } | Problem | undefined>;

/** Each wanted variant as a runnable flow: its base with the overrides applied and validated. */
export async function prepareVariants(
  evalFile: EvalFile,
  load: BaseFlowLoader,
  only?: readonly string[],
): Promise<{ variants: PreparedVariant[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const variants: PreparedVariant[] = [];
  const wanted = only?.length ? evalFile.variants.filter((v) => only.includes(v.name)) : evalFile.variants;
  for (const name of only ?? [])
    if (!evalFile.variants.some((v) => v.name === name)) problems.push(evalProblem('$.variants', 'unknown_variant', `no variant "${name}"`));
  for (const v of wanted) {
    const index = evalFile.variants.indexOf(v);
    const [idPart, version] = (v.flow ?? '@draft').split('@');
    const flowId = idPart || evalFile.flow;
    const loaded = await load(flowId, version, jsonPath(['variants', index, 'flow']));
    if (!loaded) continue;
    if (!('flow' in loaded)) {
      problems.push(loaded);
      continue;
    }
    const applied = applyOverrides(loaded.flow, v.overrides, ['variants', index]);
    problems.push(...applied.problems);
    for (const p of validateFlow(applied.flow).filter((p) => p.severity === 'error'))
      problems.push({ ...p, path: `${jsonPath(['variants', index])} → flow ${p.path}`, code: 'variant_invalid' });
    const systemOverrides = Object.fromEntries(
      Object.entries(v.overrides ?? {}).flatMap(([id, o]) => (o.system === undefined ? [] : [[id, o.system]])),
    );
    variants.push({
      name: v.name,
      flow: applied.flow,
      ref: loaded.ref ?? `${flowId}@${version}`,
      ...(v.description ? { description: v.description } : {}),
      systemOverrides,
    });
  }
  return { variants, problems };
}
