// The eval file, evals/<name>.eval.json, as zod schemas: the flow, the dataset (a split, a pinned
// hash), the variants (a flow version plus per-node overrides), assertions, repeats,
// concurrency, pass thresholds, the judge, pairwise judging and the technique comparison.
import * as z from 'zod';
import { promptSource } from '../engine/nodes/model-call';
import { nodeId, slug } from '../engine/schema';
import { splitName } from '../datasets/schema';
import { assertionSchema } from './assertion-schema';

export const EVAL_FORMAT_VERSION = 1;
export const EVAL_SCHEMA_REF = './eval.schema.json';

export const flowPin = z
  .string()
  .regex(
    /^([a-z0-9][a-z0-9_-]*)?@(draft|[1-9][0-9]*|[a-z][a-z0-9_-]*)$/,
    'a flow reference is @draft (the file), @3 (a version) or @production (a label), optionally after a flow id',
  );

export const nodeOverride = z.strictObject({
  model: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  prompt: promptSource.nullable().optional().describe('A prompt reference or text; null removes a fine-tuned node\'s prompt'),
  system: z.string().nullable().optional().describe('System message (a template); null removes it'),
  temperature: z.number().min(0).max(2).nullable().optional(),
});
export type NodeOverride = z.infer<typeof nodeOverride>;

export const variantSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, 'variant names use letters, digits, "-", "_", "." and "+"').max(64),
  description: z.string().max(1000).optional(),
  flow: flowPin.optional().describe('Which version of the flow (default @draft: the file in flows/)'),
  overrides: z.record(nodeId, nodeOverride).optional().describe('Per node id: what to change for this variant'),
});
export type Variant = z.infer<typeof variantSchema>;

export const judgeSchema = z.strictObject({
  provider: z.string().min(1).optional(),
  model: z.string().min(1),
  temperature: z.number().min(0).max(2).optional(),
});
export type JudgeConfig = z.infer<typeof judgeSchema>;

export const pairwiseSchema = z.strictObject({
  a: z.string().min(1),
  b: z.string().min(1),
  rubric: z.string().min(1).describe('What makes one answer better than the other'),
});

export const comparisonSchema = z.strictObject({
  prompt: z.string().min(1).describe('The prompt-engineered variant (base model)'),
  finetuned: z.string().min(1).describe('The fine-tuned variant'),
  baseModel: z.string().min(1).describe('The base model the fine-tune is trained from (training price, retirement)'),
  epochs: z.number().int().min(1).max(100).optional().describe('Training epochs (default 3)'),
  trainingTokens: z.number().int().positive().optional().describe("Tokens per epoch (default: the dataset's train split)"),
  hostingPerHour: z.number().min(0).optional().describe('US dollars an hour to host the tuned model (default from the price table)'),
  hostingHours: z.number().min(0).optional().describe('Hours of hosting to count (default 0)'),
  retires: z.iso.date().optional().describe('When the base model retires (the fine-tune dies with it)'),
  requestsPerDay: z.number().positive().optional().describe('Expected traffic, to check N* is reached before retirement'),
});
export type ComparisonConfig = z.infer<typeof comparisonSchema>;

export const priceOverride = z.strictObject({
  input: z.number().min(0).optional().describe('US dollars per million input tokens'),
  cachedInput: z.number().min(0).optional(),
  output: z.number().min(0).optional(),
  training: z.number().min(0).optional().describe('US dollars per million training tokens'),
  hostingPerHour: z.number().min(0).optional(),
  retires: z.iso.date().optional(),
});

export const evalSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(EVAL_FORMAT_VERSION),
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(4000).optional(),
  flow: slug.describe('The flow id (flows/<id>.json)'),
  dataset: z.strictObject({
    name: slug.describe('datasets/<name>.jsonl'),
    split: splitName.optional().describe('Only items of this split'),
    hash: z
      .string()
      .regex(/^[0-9a-f]{8,64}$/, 'a hash pin is 8 to 64 lowercase hex digits')
      .optional()
      .describe('Refuse to run unless the dataset still has this content hash (prefix)'),
    tags: z.array(z.string().min(1)).optional().describe('Only items with one of these tags'),
  }),
  variants: z.array(variantSchema).min(1).max(20),
  assert: z.array(assertionSchema).optional(),
  threshold: z.number().min(0).max(1).optional().describe("An item passes when its weighted score reaches this (default: every assertion passes)"),
  passRate: z.number().min(0).max(1).optional().describe('The pass rate a variant must reach (weir eval run --fail-under overrides)'),
  repeats: z.number().int().min(1).max(100).optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  judge: judgeSchema.optional(),
  pairwise: z.array(pairwiseSchema).optional(),
  comparison: comparisonSchema.optional(),
  prices: z.record(z.string(), priceOverride).optional().describe('Per model id: prices that override the price table'),
  limits: z.strictObject({ deadlineMs: z.number().int().positive().optional(), nodeTimeoutMs: z.number().int().positive().optional() }).optional(),
});
export type EvalFile = z.infer<typeof evalSchema>;

export function evalJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(evalSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://weir.dev/schema/eval-v1.json', title: 'Weir eval (format version 1)' };
}
