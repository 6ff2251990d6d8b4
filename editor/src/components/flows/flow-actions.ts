// Flow list actions that load a flow, change it and save it through the same path as the editor.
import { api } from '../../api/endpoints';
import { saveFlow } from '../../api/save-flow';
import { validateFlow, type Flow } from '../../engine';
import { newFlow, slugify } from '../../state/flow-edit';

const store = (flow: Flow) => saveFlow(flow, validateFlow(flow));

export function freeId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function createFlow(name: string, taken: Set<string>): Promise<Flow> {
  const flow = newFlow(freeId(slugify(name), taken), name);
  await store(flow);
  return flow;
}

export async function duplicateFlow(id: string, taken: Set<string>): Promise<Flow> {
  const { flow } = await api.getFlow(id);
  const copy = { ...flow, id: freeId(`${id}-copy`, taken), name: `${flow.name} (copy)` };
  await store(copy);
  return copy;
}

export async function renameFlow(id: string, name: string): Promise<void> {
  const { flow } = await api.getFlow(id);
  await store({ ...flow, name });
}
