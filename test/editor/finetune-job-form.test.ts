// The new-job form's request: the worker exports the named dataset (the version with this hash),
// hyperparameters only when given, beta only for DPO, the target node as {flow, node}.
import { describe, expect, it } from 'vitest';
import { emptyForm, formProblems, jobRequest } from '../../editor/src/components/finetunes/job-form-state';
import { splitsOf } from '../../editor/src/components/finetunes/dataset-splits';

const hash = `sha256:${'a'.repeat(64)}`;

describe('the new fine-tuning job form', () => {
  it('sends the dataset by name and hash, with only the hyperparameters given and the target node', () => {
    const f = emptyForm({
      dataset: 'support-x1000',
      trainer: 'fake',
      baseModel: ' gpt-4o-mini-2024-07-18 ',
      epochs: '2',
      beta: '0.1',
      flowId: 'support-x1000',
      nodeId: 'specialist',
    });
    expect(jobRequest(f, hash)).toEqual({
      trainer: 'fake',
      baseModel: 'gpt-4o-mini-2024-07-18',
      method: 'supervised',
      hyperparameters: { epochs: 2 },
      dataset: { name: 'support-x1000', hash: 'a'.repeat(64) },
      target: { flow: 'support-x1000', node: 'specialist' },
    });
  });

  it('sends beta for DPO, the spending cap and items without a split when asked', () => {
    const f = emptyForm({ dataset: 'd', trainer: 't', baseModel: 'm', method: 'dpo', beta: '0.2', maxCost: '5', includeUnsplit: true });
    expect(jobRequest(f, hash)).toMatchObject({ method: 'dpo', hyperparameters: { beta: 0.2 }, maxCostUsd: 5, includeUnsplit: true });
  });

  it('refuses a negative epoch count, a bad suffix and a flow without its node', () => {
    const problems = formProblems(emptyForm({ epochs: '-1', suffix: 'no spaces allowed', flowId: 'support-x1000' }));
    expect(problems).toEqual([
      'Epochs is a positive whole number',
      'The suffix is 1-40 letters, digits, "-" or "_"',
      'Pick both a flow and its fine-tuned node, or neither',
    ]);
  });

  it('counts the splits and the items a job cannot train on', () => {
    const items = [
      { id: 'a', input: {}, expected: 'x', split: 'train' as const },
      { id: 'b', input: {}, split: 'train' as const },
      { id: 'c', input: {}, expected: 'y', split: 'validation' as const, rejected: 'z' },
      { id: 'd', input: {}, expected: 'y', split: 'test' as const },
      { id: 'e', input: {}, expected: 'y' },
    ];
    expect(splitsOf(items)).toEqual({ train: 2, validation: 1, test: 1, unsplit: 1, noExpected: 1, noRejected: 2 });
  });
});
