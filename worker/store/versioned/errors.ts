// The errors and label checks every versioned kind shares, so prompts, flows and datasets refuse
// the same things with the same words.
import { StoreError } from '../errors';
import { zodProblems } from '../problem';
import { labelName } from '../prompt-schema';
import type { VersionedKind } from './types';

export interface KindText {
  kind: VersionedKind;
  /** "prompt", "flow", "dataset". */
  noun: string;
  /** The message for an item that does not exist. */
  missing: (name: string) => string;
  /** Labels the store manages itself (`latest`, a flow's `default` and `draft`). */
  reservedLabels: readonly string[];
}

export const missingItem = (t: KindText, name: string) => new StoreError('not_found', t.missing(name));
export const missingVersion = (t: KindText, name: string, version: number) =>
  new StoreError('not_found', `${t.noun} "${name}" has no version ${version}`);
export const missingLabel = (t: KindText, name: string, label: string) =>
  new StoreError('not_found', `${t.noun} "${name}" has no label "${label}"`);
export const retiredVersion = (t: KindText, name: string, version: number) =>
  new StoreError('conflict', `${t.noun} "${name}" version ${version} is retired; restore it before pointing a label at it`);
export const labelledVersion = (t: KindText, name: string, version: number, labels: string[]) =>
  new StoreError(
    'conflict',
    `${t.noun} "${name}" version ${version} is labelled ${labels.map((l) => `"${l}"`).join(', ')}; move or delete the label first`,
  );

export const lastLiveVersion = (t: KindText, name: string, version: number) =>
  new StoreError('conflict', `${t.noun} "${name}" version ${version} is its only live version; publish another before retiring it`);

export function checkLabel(t: KindText, label: string): void {
  const parsed = labelName.safeParse(label);
  if (!parsed.success) throw new StoreError('invalid', `"${label}" is not a valid label`, zodProblems(parsed.error, '$.label'));
  if (t.reservedLabels.includes(label))
    throw new StoreError(
      'invalid',
      `${t.reservedLabels.map((l) => `"${l}"`).join(', ')} ${t.reservedLabels.length > 1 ? 'are' : 'is'} managed by Weir and cannot be set`,
    );
}
