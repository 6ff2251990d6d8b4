// The datasets endpoints the dataset table uses (admin token): list, read one with its items,
// save the whole dataset as canonical JSONL (422 lists every bad line), delete.
import { ApiError, authHeaders, request } from '../../api/client';
import type { Problem } from '../../engine';
import type { DatasetItem } from '../../../../worker/datasets/schema';

export type { DatasetItem };

export interface DatasetInfo {
  name: string;
  description: string;
  hash: string;
  items: number;
  splits: Record<'train' | 'validation' | 'test' | 'none', number>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DatasetWithItems extends Omit<DatasetInfo, 'items'> {
  items: DatasetItem[];
  count: number;
}

const enc = encodeURIComponent;

export const datasetTableApi = {
  list: () => request<{ datasets: DatasetInfo[] }>('/v1/datasets').then((r) => r.datasets),
  /** With `hash` (a prefix of 8+ hex digits): the version that had that content. */
  get: (name: string, hash?: string) => request<DatasetWithItems>(`/v1/datasets/${enc(name)}${hash ? `?hash=${enc(hash)}` : ''}`),
  remove: (name: string) => request<void>(`/v1/datasets/${enc(name)}`, { method: 'DELETE' }),
  /** Stores the items (already canonical JSONL); answers the new hash, or throws ApiError with the problems. */
  async put(name: string, text: string): Promise<DatasetInfo & { changed: boolean }> {
    const res = await fetch(`/v1/datasets/${enc(name)}`, {
      method: 'PUT',
      headers: { ...authHeaders(), 'content-type': 'application/jsonl' },
      body: text,
    }).catch((err: Error) => {
      throw new ApiError(0, 'network', `cannot reach the worker: ${err.message}`);
    });
    const body = (await res.json().catch(() => undefined)) as
      | (DatasetInfo & { changed: boolean })
      | { error?: { code?: string; message?: string; issues?: Problem[] } }
      | undefined;
    if (!res.ok) {
      const e = body && 'error' in body ? body.error : undefined;
      throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.issues ?? []);
    }
    return body as DatasetInfo & { changed: boolean };
  },
};
