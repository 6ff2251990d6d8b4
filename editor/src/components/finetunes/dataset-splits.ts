// A dataset as the new-job form shows it: how many items each split has (the worker exports the
// train and validation splits in the trainer's shape; the test split never leaves), and how many
// cannot be trained on for want of an expected answer.
import { request } from '../../api/client';
import type { DatasetItem } from '../../../../worker/datasets/schema';

export interface DatasetWithItems {
  name: string;
  hash: string;
  items: DatasetItem[];
  count: number;
}

export interface Splits {
  train: number;
  validation: number;
  test: number;
  unsplit: number;
  /** Train or validation items with no expected answer. */
  noExpected: number;
  /** Train or validation items with no rejected answer (DPO needs one). */
  noRejected: number;
}

export const loadDataset = (name: string) => request<DatasetWithItems>(`/v1/datasets/${encodeURIComponent(name)}`);

export function splitsOf(items: readonly DatasetItem[]): Splits {
  const count = (s: string | undefined) => items.filter((i) => i.split === s).length;
  const trained = items.filter((i) => i.split === 'train' || i.split === 'validation');
  return {
    train: count('train'),
    validation: count('validation'),
    test: count('test'),
    unsplit: count(undefined),
    noExpected: trained.filter((i) => i.expected === undefined).length,
    noRejected: trained.filter((i) => !i.rejected).length,
  };
}
