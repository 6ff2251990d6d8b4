// A dataset's train and validation splits turned into the trainer's JSONL in the browser, with
// the same exporter `weir dataset export` uses (worker/datasets/export.ts): the test split is
// never sent, and the provider's offline checks run before anything is uploaded.
import { request } from '../../api/client';
import { exportDataset, type ExportResult } from '../../../../worker/datasets/export';
import type { ExportFormat } from '../../../../worker/datasets/provider-checks';
import type { DatasetItem } from '../../../../worker/datasets/schema';
import type { TrainingMethod } from './finetunes-api';

export interface DatasetWithItems {
  name: string;
  hash: string;
  items: DatasetItem[];
  count: number;
}

export const loadDataset = (name: string) => request<DatasetWithItems>(`/v1/datasets/${encodeURIComponent(name)}`);

export function exportFormat(trainerType: string, method: TrainingMethod): ExportFormat {
  if (trainerType === 'together') return 'together';
  if (trainerType === 'fireworks') return 'fireworks';
  return method === 'dpo' ? 'openai-dpo' : 'openai-chat';
}

export interface TrainingFiles extends ExportResult {
  training?: string;
  validation?: string;
  splits: { train: number; validation: number; test: number; unsplit: number };
}

export function trainingFiles(
  items: readonly DatasetItem[],
  opts: { trainerType: string; method: TrainingMethod; baseModel?: string; system?: string; includeUnsplit?: boolean },
): TrainingFiles {
  const result = exportDataset(items, {
    format: exportFormat(opts.trainerType, opts.method),
    baseModel: opts.baseModel,
    system: opts.system,
    includeUnsplit: opts.includeUnsplit,
  });
  const count = (s: string | undefined) => items.filter((i) => i.split === s).length;
  return {
    ...result,
    training: result.files.find((f) => f.split === 'train')?.text,
    validation: result.files.find((f) => f.split === 'validation')?.text,
    splits: { train: count('train'), validation: count('validation'), test: count('test'), unsplit: count(undefined) },
  };
}
