// Checks an eval file for the worker: the schema, then (all problems together) the flow and the
// dataset it names exist, the eval's assertions, variants, pairs and comparison against the flow,
// and every variant's flow with its overrides applied.
import type { Problem } from '../engine/problems';
import { checkEval, evalProblem, prepareVariants } from '../evals/prepare';
import { evalSchema, type EvalFile } from '../evals/schema';
import type { Stores } from '../http/stores';
import { StoreError } from '../store/errors';
import { zodProblems } from '../store/problem';
import { storedFlowLoader } from './flow-loader';

export async function validateEvalFile(stores: Stores, raw: unknown, name?: string): Promise<{ evalFile?: EvalFile; problems: Problem[] }> {
  const parsed = evalSchema.safeParse(raw);
  if (!parsed.success) return { problems: zodProblems(parsed.error) };
  const evalFile = parsed.data;
  const problems: Problem[] = [];
  if (name !== undefined && evalFile.name !== undefined && evalFile.name !== name)
    problems.push(evalProblem('$.name', 'name_mismatch', `the file is named "${evalFile.name}" but is stored as "${name}"`));
  const draft = await stores.resolveFlow(evalFile.flow, { kind: 'draft' });
  if (!draft) problems.push(evalProblem('$.flow', 'unknown_flow', `no flow "${evalFile.flow}"`));
  try {
    await stores.datasets.versions(evalFile.dataset.name);
  } catch (err) {
    if (!(err instanceof StoreError && err.code === 'not_found')) throw err;
    problems.push(
      evalProblem('$.dataset.name', 'unknown_dataset', `no dataset "${evalFile.dataset.name}" (push it with weir dataset push)`),
    );
  }
  problems.push(...checkEval(evalFile, draft?.parsed.flow));
  // Each variant's flow, overrides applied, must be one that runs.
  if (draft) problems.push(...(await prepareVariants(evalFile, storedFlowLoader(stores))).problems);
  return { evalFile: name !== undefined ? { ...evalFile, name } : evalFile, problems };
}
