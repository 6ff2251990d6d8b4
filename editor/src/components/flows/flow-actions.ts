// Flow list actions that load a flow, change it and save it through the same path as the editor.
import { api } from '../../api/endpoints';
import { deleteFlow, saveFlow } from '../../api/save-flow';
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

/**
 * Renames a flow; with `newId` it also moves it: the flow is stored (and its file written) under
 * the new id, then the old one is deleted, so its edge URL changes and the old URL answers 404.
 */
export async function renameFlow(id: string, name: string, newId?: string, taken?: Set<string>): Promise<string> {
  const { flow } = await api.getFlow(id);
  if (!newId || newId === id) {
    await store({ ...flow, name });
    return id;
  }
  if (taken?.has(newId)) throw new Error(`a flow with id "${newId}" already exists`);
  await store({ ...flow, id: newId, name });
  await deleteFlow(id);
  return newId;
}

/** Stores an imported flow; an id already in use gets a free one unless `replace`. */
export async function importFlow(flow: Flow, taken: Set<string>, replace: boolean): Promise<Flow> {
  const next = replace ? flow : { ...flow, id: freeId(flow.id, taken) };
  await store(next);
  return next;
}
