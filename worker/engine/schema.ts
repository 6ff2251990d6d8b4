// The flow file format, version 1, as zod schemas: the single source of the TypeScript types,
// the committed JSON Schema (flows/flow.schema.json) and the validator's structural checks.
import * as z from 'zod';

export const FLOW_FORMAT_VERSION = 1;
export const FLOW_SCHEMA_REF = './flow.schema.json';

export const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, "-" and "_", starting with a letter or digit');

export const nodeId = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*$/,
    'node ids start with a letter and use letters, digits and "_" (they appear in templates and expressions)',
  );

export const position = z.strictObject({ x: z.number(), y: z.number() });

export const inputFieldType = z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array']);

export const inputField = z.strictObject({
  type: inputFieldType,
  description: z.string().optional(),
  required: z.boolean().optional(),
  enum: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .optional(),
  maxLength: z.number().int().positive().optional(),
});

export const inputDeclaration = z.strictObject({
  fields: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'field names are identifiers'), inputField),
});

export const example = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  input: z.record(z.string(), z.unknown()),
});

/** How the OpenAI-compatible endpoint maps chat messages to this flow's input (issue 4 builds on it). */
export const chatMapping = z.strictObject({
  /** Input field that receives the last user message. */
  messageField: z.string().optional(),
  /** Input field that receives the whole message list, if any. */
  historyField: z.string().optional(),
});

export const flowNode = z.strictObject({
  id: nodeId,
  type: z.string().min(1),
  position,
  /** Per-type data; checked against the node type's own schema by validate(). */
  data: z.record(z.string(), z.unknown()),
});

export const flowEdge = z.strictObject({
  source: z.string().min(1),
  /** Omitted means the node's main handle, "out". */
  sourceHandle: z.string().min(1).optional(),
  target: z.string().min(1),
});

export const flowSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(FLOW_FORMAT_VERSION),
  id: slug,
  name: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  /** Public flows can be called without an invoke key. */
  public: z.boolean().optional(),
  /** Who sees traces (rendered prompts, node outputs): the admin token only (default), or invoke keys too. */
  traceAccess: z
    .enum(['admin', 'keys'])
    .optional()
    .describe('Who sees traces and rendered prompts: "admin" (default) or "keys" (invoke keys too)'),
  /** Daily spending limits (UTC days), fed by the run log; past one, runs answer 429 until midnight UTC. */
  budget: z
    .strictObject({
      dailyTokens: z.number().int().positive().optional().describe('Input + output tokens per UTC day'),
      dailyCostUsd: z.number().positive().optional().describe('USD per UTC day (runs with unknown prices count 0)'),
    })
    .optional(),
  input: inputDeclaration,
  examples: z.array(example).optional(),
  chat: chatMapping.optional(),
  nodes: z.array(flowNode),
  edges: z.array(flowEdge),
});

export type Flow = z.infer<typeof flowSchema>;
export type FlowNode = z.infer<typeof flowNode>;
export type FlowEdge = z.infer<typeof flowEdge>;
export type InputDeclaration = z.infer<typeof inputDeclaration>;
export type InputField = z.infer<typeof inputField>;
export type FlowExample = z.infer<typeof example>;

export const MAIN_HANDLE = 'out';
export const handleOf = (edge: FlowEdge): string => edge.sourceHandle ?? MAIN_HANDLE;
