// Warnings for flows that use a model that is retired or retires within 30 days (a fine-tune stops
// working when its base model retires). Option-fed: the caller passes what it knows (the worker,
// its model registry), so the engine stays pure. Hook: validateFlow pushes
// `...checkRetirements(value, options.retirements ?? [], options.today)`.
import { jsonPath, type Problem } from './problems';

export interface ModelRetirement {
  model: string;
  /** YYYY-MM-DD */
  retiresAt: string;
  /** For the message: the base model whose retirement ends the tune. */
  baseModel?: string;
}

export const RETIREMENT_WARNING_DAYS = 30;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** One warning per node whose `data.model` is retired or retires within 30 days of `today`. */
export function checkRetirements(
  flow: unknown,
  retirements: readonly ModelRetirement[],
  today = new Date().toISOString().slice(0, 10),
): Problem[] {
  if (retirements.length === 0 || !isObject(flow) || !Array.isArray(flow.nodes)) return [];
  const byModel = new Map(retirements.map((r) => [r.model, r]));
  const soon = addDays(today, RETIREMENT_WARNING_DAYS);
  const problems: Problem[] = [];
  flow.nodes.forEach((node, index) => {
    if (!isObject(node) || !isObject(node.data) || typeof node.data.model !== 'string') return;
    const r = byModel.get(node.data.model);
    if (!r || r.retiresAt > soon) return;
    const because = r.baseModel ? ` (its base model ${r.baseModel} retires)` : '';
    const retired = r.retiresAt <= today;
    problems.push({
      code: retired ? 'model_retired' : 'model_retiring',
      message: retired
        ? `model ${r.model} was retired on ${r.retiresAt}${because}; calls to it fail`
        : `model ${r.model} retires on ${r.retiresAt}${because}, within ${RETIREMENT_WARNING_DAYS} days; evaluate a replacement`,
      path: jsonPath(['nodes', index, 'data', 'model']),
      nodeId: typeof node.id === 'string' ? node.id : undefined,
      severity: 'warning',
    });
  });
  return problems;
}
