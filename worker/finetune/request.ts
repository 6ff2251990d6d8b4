// The body of POST /v1/finetunes and /v1/finetunes/validate: which trainer, base model and method,
// the training (and validation) JSONL as exported from a dataset, hyperparameters, a suffix, the
// dataset's name and hash, and an optional spending cap checked against the estimate. Without
// `training`, the files are exported from the worker's copy of the dataset `dataset.name`. A
// `target` names the flow and node the model is for (the three-way eval and Adopt use it).
import * as z from 'zod';
import { nodeId, slug } from '../engine/schema';
import { hyperparametersSchema, methodSchema } from './trainer';

export const jobTargetSchema = z.strictObject({ flow: slug, node: nodeId });

/** Training files travel in the JSON body; past this, upload smaller splits. */
export const MAX_TRAINING_BYTES = 20 * 1024 * 1024;

export const finetuneRequestSchema = z
  .strictObject({
    trainer: z.string().min(1),
    baseModel: z.string().min(1).max(200),
    method: methodSchema.default('supervised'),
    training: z.string().min(1, 'the training file is empty').optional(),
    validation: z.string().optional(),
    hyperparameters: hyperparametersSchema.default({}),
    suffix: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'the suffix is 1-40 letters, digits, "-" or "_"')
      .optional(),
    dataset: z
      .strictObject({
        name: z.string().min(1).max(200).optional(),
        hash: z
          .string()
          .regex(/^(sha256:)?[0-9a-f]{64}$/, 'a SHA-256 hex digest')
          .optional(),
      })
      .default({}),
    /** Refuse to start when the estimate is above this (US dollars). */
    maxCostUsd: z.number().positive().optional(),
    /** The flow and its fine-tuned (or prompt) node this model is trained for. */
    target: jobTargetSchema.optional(),
    /** With dataset.name and no training file: put items without a split in the train file. */
    includeUnsplit: z.boolean().optional(),
  })
  .refine((r) => r.training !== undefined || r.dataset.name !== undefined, {
    message: 'send the training file, or name a dataset the worker has (dataset.name) to export it from',
    path: ['training'],
  });
export type FinetuneRequest = z.infer<typeof finetuneRequestSchema>;
/** A request whose training file is known (sent, or exported from the dataset). */
export type ReadyRequest = FinetuneRequest & { training: string };
