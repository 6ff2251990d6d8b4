// The options `weir finetune validate` and `start` share, turned into the body of
// POST /v1/finetunes(/validate): trainer, base model, method, the JSONL files, hyperparameters.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { usageError } from '../lib/errors';

export interface JobOptions {
  trainer: string;
  model: string;
  train?: string;
  validation?: string;
  flow?: string;
  node?: string;
  method: 'supervised' | 'dpo';
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  beta?: number;
  loraRank?: number;
  suffix?: string;
  dataset?: string;
  datasetHash?: string;
  maxCost?: number;
}

const number = (what: string, integer: boolean) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw usageError(`${what} must be a positive ${integer ? 'whole ' : ''}number, got "${value}"`);
  return n;
};

export const addJobOptions = (cmd: Command): Command =>
  cmd
    .requiredOption('--trainer <name>', 'a trainer from TRAINERS (see GET /v1/finetunes/trainers)')
    .requiredOption('--model <base-model>', 'the base model to tune')
    .option(
      '--train <file.jsonl>',
      'training examples (weir dataset export writes them); without it, --dataset names a dataset the worker has',
    )
    .option('--validation <file.jsonl>', 'validation examples')
    .addOption(
      new Option('--method <method>', 'supervised, or dpo for preference pairs').choices(['supervised', 'dpo']).default('supervised'),
    )
    .option('--epochs <n>', 'passes over the training data', number('--epochs', true))
    .option('--batch-size <n>', 'examples per batch', number('--batch-size', true))
    .option('--learning-rate <x>', 'learning rate (OpenAI: its multiplier)', number('--learning-rate', false))
    .option('--beta <x>', 'DPO beta', number('--beta', false))
    .option('--lora-rank <n>', 'LoRA rank (Together, Fireworks)', number('--lora-rank', true))
    .option('--suffix <text>', 'added to the tuned model name')
    .option(
      '--dataset <name>',
      "the worker's dataset to train on (its train and validation splits), or the name recorded with --train files",
    )
    .option(
      '--flow <id>',
      'the flow this model is for (with --node): it gets the three-way eval when the job succeeds, and adopt writes there',
    )
    .option('--node <id>', 'the fine-tuned node of --flow the model is for')
    .option('--dataset-hash <sha256>', "the dataset's content hash (weir dataset info); default: a hash of the files sent")
    .option('--max-cost <usd>', 'refuse to start when the estimate is above this', number('--max-cost', false));

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw usageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function jobBody(o: JobOptions): Record<string, unknown> {
  const hyperparameters = Object.fromEntries(
    Object.entries({ epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, beta: o.beta, loraRank: o.loraRank }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  if (!o.train && !o.dataset) throw usageError('pass --train <file.jsonl>, or --dataset <name> to train on a dataset the worker has');
  if ((o.flow === undefined) !== (o.node === undefined)) throw usageError('--flow and --node go together');
  // `weir dataset export` writes <name>.<format>.<split>.jsonl
  const dataset =
    o.dataset ?? basename(o.train!).replace(/(\.(openai-chat|openai-dpo|together|fireworks))?(\.(train|training))?\.jsonl$/i, '');
  if (o.datasetHash !== undefined && !/^(sha256:)?[0-9a-f]{64}$/i.test(o.datasetHash))
    throw usageError('--dataset-hash is a SHA-256 hex digest (64 characters)');
  return {
    trainer: o.trainer,
    baseModel: o.model,
    method: o.method,
    ...(o.train ? { training: read(o.train) } : {}),
    ...(o.validation ? { validation: read(o.validation) } : {}),
    hyperparameters,
    ...(o.suffix ? { suffix: o.suffix } : {}),
    dataset: { name: dataset, ...(o.datasetHash ? { hash: o.datasetHash.toLowerCase() } : {}) },
    ...(o.maxCost !== undefined ? { maxCostUsd: o.maxCost } : {}),
    ...(o.flow && o.node ? { target: { flow: o.flow, node: o.node } } : {}),
  };
}
