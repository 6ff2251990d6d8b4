// A dataset item, one line of datasets/<name>.jsonl, as a zod schema: the source of the TypeScript
// types, the committed JSON Schema (datasets/dataset-item.schema.json) and the checks.
import * as z from 'zod';
import { assertionSchema } from '../evals/assertion-schema';

export const DATASET_ITEM_SCHEMA_REF = './dataset-item.schema.json';

export const itemId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'item ids use letters, digits, "-", "_", "." and ":", starting with a letter or digit');

export const splitName = z.enum(['train', 'validation', 'test']);
export type SplitName = z.infer<typeof splitName>;

export const chatMessage = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

export const datasetItem = z
  .strictObject({
    id: itemId.describe('Stable id: results, flips and splits refer to it'),
    input: z.record(z.string(), z.unknown()).optional().describe("The flow's input fields"),
    node: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
      .optional()
      .describe('Node-level item: the node it targets'),
    messages: z.array(chatMessage).min(1).optional().describe('Node-level item: the messages the node sent'),
    expected: z.unknown().optional().describe('The answer it should give: text or JSON'),
    rejected: z.string().optional().describe('A worse answer, for preference (DPO) training'),
    assert: z.array(assertionSchema).optional().describe("Assertions for this item, added to the eval's"),
    tags: z.array(z.string().min(1).max(64)).optional(),
    split: splitName.optional(),
    source: z.strictObject({ runId: z.string().min(1), nodeId: z.string().min(1).optional() }).optional(),
    note: z.string().max(4000).optional(),
  })
  .refine((item) => item.input !== undefined || item.messages !== undefined, {
    message: 'an item needs input (flow-level) or messages (node-level)',
  });

export type DatasetItem = z.infer<typeof datasetItem>;
export type ChatMessageItem = z.infer<typeof chatMessage>;

/** The JSON Schema of one line, for editors and other tools. */
export function datasetItemJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(datasetItem, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://weir.dev/schema/dataset-item-v1.json', title: 'Weir dataset item (one JSONL line)' };
}
