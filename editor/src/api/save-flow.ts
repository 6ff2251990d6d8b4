// Saving a flow: in development the Vite middleware writes flows/<id>.json in canonical form
// (so git shows the change), then the running worker gets it (PUT /v1/flows/:id) so the edge
// URL serves it at once. Flows with errors are stored as drafts.
import { ApiError, authHeaders } from './client';
import { api } from './endpoints';
import type { Flow, Problem } from '../engine';

export interface SaveResult {
  /** Repo-relative file written in development, e.g. flows/support-x1000.json. */
  file?: string;
  draft: boolean;
  problems: Problem[];
}

export const filesWritable = (): boolean => import.meta.env.DEV;

async function flowFileRequest(method: 'PUT' | 'DELETE', id: string, flow?: Flow): Promise<{ path: string } | undefined> {
  if (!filesWritable()) return undefined;
  const res = await fetch(`/__weir/flows/${encodeURIComponent(id)}`, {
    method,
    headers: { ...authHeaders(), 'content-type': 'application/json' },
    body: flow ? JSON.stringify(flow) : undefined,
  });
  if (res.status === 404) return undefined;
  const json = (await res.json().catch(() => ({}))) as { path?: string; error?: { code: string; message: string } };
  if (!res.ok)
    throw new ApiError(res.status, json.error?.code ?? 'file_error', `could not write the flow file: ${json.error?.message ?? res.status}`);
  return { path: json.path ?? `flows/${id}.json` };
}

export async function saveFlow(flow: Flow, problems: Problem[]): Promise<SaveResult> {
  const draft = problems.some((p) => p.severity === 'error');
  const written = await flowFileRequest('PUT', flow.id, flow);
  const stored = await api.putFlow(flow, draft);
  return { file: written?.path, draft, problems: stored?.problems ?? problems };
}

export async function deleteFlow(id: string): Promise<void> {
  await api.deleteFlow(id);
  await flowFileRequest('DELETE', id);
}
