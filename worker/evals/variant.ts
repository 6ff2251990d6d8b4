// A variant as a pure flow transformation: per-node overrides of model, provider, prompt,
// system message and temperature, applied to a copy. The flow file is never touched; the
// result is validated like any flow before it runs.
import { jsonPath, type Problem } from '../engine/problems';
import type { Flow } from '../engine/schema';
import type { NodeOverride } from './schema';

const MODEL_NODES = new Set(['prompt', 'finetuned']);

export function applyOverrides(flow: Flow, overrides: Record<string, NodeOverride> = {}, where: (string | number)[] = []): { flow: Flow; problems: Problem[] } {
  const problems: Problem[] = [];
  const copy = structuredClone(flow);
  for (const [id, override] of Object.entries(overrides)) {
    const path = jsonPath([...where, 'overrides', id]);
    const node = copy.nodes.find((n) => n.id === id);
    if (!node) {
      problems.push({ code: 'unknown_node', message: `flow "${flow.id}" has no node "${id}"`, path, nodeId: id, severity: 'error' });
      continue;
    }
    if (!MODEL_NODES.has(node.type)) {
      problems.push({ code: 'not_a_model_node', message: `node "${id}" is a ${node.type} node; only prompt and finetuned nodes take overrides`, path, nodeId: id, severity: 'error' });
      continue;
    }
    const data = { ...node.data };
    for (const key of ['model', 'provider', 'prompt', 'system', 'temperature'] as const) {
      if (!(key in override) || override[key] === undefined) continue;
      if (override[key] === null) {
        if (key === 'prompt' && node.type === 'prompt')
          problems.push({ code: 'prompt_required', message: `node "${id}" is a prompt node and needs a prompt`, path: `${path}.prompt`, nodeId: id, severity: 'error' });
        delete data[key];
      } else data[key] = override[key];
    }
    node.data = data;
  }
  return { flow: copy, problems };
}
