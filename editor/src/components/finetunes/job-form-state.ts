// The new-job form's values and how they become the body of /v1/finetunes(/validate).
import type { Hyperparameters, JobRequest, TrainingMethod } from './finetunes-api';

export interface JobForm {
  dataset: string;
  trainer: string;
  baseModel: string;
  method: TrainingMethod;
  epochs: string;
  batchSize: string;
  learningRate: string;
  beta: string;
  loraRank: string;
  suffix: string;
  maxCost: string;
  flowId: string;
  nodeId: string;
  includeUnsplit: boolean;
}

export const emptyForm = (init: Partial<JobForm> = {}): JobForm => ({
  dataset: '',
  trainer: '',
  baseModel: '',
  method: 'supervised',
  epochs: '',
  batchSize: '',
  learningRate: '',
  beta: '',
  loraRank: '',
  suffix: '',
  maxCost: '',
  flowId: '',
  nodeId: '',
  includeUnsplit: false,
  ...init,
});

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** Problems the form can see before asking the worker. */
export function formProblems(f: JobForm): string[] {
  const out: string[] = [];
  const positive = (label: string, s: string, integer: boolean) => {
    const n = num(s);
    if (n !== undefined && (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))))
      out.push(`${label} is a positive ${integer ? 'whole ' : ''}number`);
  };
  positive('Epochs', f.epochs, true);
  positive('Batch size', f.batchSize, true);
  positive('Learning rate', f.learningRate, false);
  positive('LoRA rank', f.loraRank, true);
  positive('Max cost', f.maxCost, false);
  if (f.method === 'dpo') positive('Beta', f.beta, false);
  if (f.suffix && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(f.suffix)) out.push('The suffix is 1-40 letters, digits, "-" or "_"');
  if ((f.flowId === '') !== (f.nodeId === '')) out.push('Pick both a flow and its fine-tuned node, or neither');
  return out;
}

/** The request: the worker exports the dataset's splits itself (the version with this hash). */
export function jobRequest(f: JobForm, datasetHash: string): JobRequest {
  const h: Hyperparameters = {};
  const set = (k: keyof Hyperparameters, s: string) => {
    const n = num(s);
    if (n !== undefined) h[k] = n;
  };
  set('epochs', f.epochs);
  set('batchSize', f.batchSize);
  set('learningRate', f.learningRate);
  set('loraRank', f.loraRank);
  if (f.method === 'dpo') set('beta', f.beta);
  return {
    trainer: f.trainer,
    baseModel: f.baseModel.trim(),
    method: f.method,
    hyperparameters: h,
    ...(f.suffix ? { suffix: f.suffix } : {}),
    dataset: { name: f.dataset, hash: datasetHash.replace(/^sha256:/, '') },
    ...(num(f.maxCost) !== undefined ? { maxCostUsd: num(f.maxCost) } : {}),
    ...(f.includeUnsplit ? { includeUnsplit: true } : {}),
    ...(f.flowId && f.nodeId ? { target: { flow: f.flowId, node: f.nodeId } } : {}),
  };
}
