// Zod schemas for prompts as they are sent to the API, kept in KV and committed under
// flows/prompts/. Everything written to KV passes through one of these first.
import * as z from 'zod';
import { slug } from '../engine/schema';

/** `name@label` or `name@7`; same shape the engine's prompt nodes accept. */
export const PROMPT_REF = /^([a-z0-9][a-z0-9_-]*)@([a-z][a-z0-9_-]*|[1-9][0-9]*)$/;
/** A label that always follows the newest version; written by the store, never moved by hand. */
export const LATEST_LABEL = 'latest';

export const promptName = slug.refine((name) => name !== 'resolve', '"resolve" is reserved by the API');
export const labelName = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'labels use lowercase letters, digits, "-" and "_", starting with a letter');

const chatMessage = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

export const promptTemplate = z.union([
  z.strictObject({ text: z.string().min(1).max(100_000) }),
  z.strictObject({ messages: z.array(chatMessage).min(1).max(100) }),
]);

const modelSettings = {
  model: z.string().min(1).max(200).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
  note: z.string().max(2000).optional(),
};

/** Body of `POST /v1/prompts/:name/versions`. */
export const versionInput = z.strictObject({
  template: promptTemplate,
  ...modelSettings,
  description: z.string().max(4000).optional(),
  /** When the version was written (ISO 8601); `weir push` keeps the date from the prompt file. Default: now. */
  createdAt: z.iso.datetime({ offset: true }).optional(),
});

/** One immutable version, as stored under `prompt-ref:<name>@<n>` (and copied under labels). */
export const storedVersion = z.strictObject({
  name: promptName,
  version: z.number().int().positive(),
  label: z.string().optional(),
  template: promptTemplate,
  ...modelSettings,
  createdAt: z.string().min(1),
});

export const promptMeta = z.strictObject({
  name: promptName,
  description: z.string(),
  latest: z.number().int().nonnegative(),
  labels: z.record(z.string(), z.number().int().positive()),
  versions: z.array(
    z.strictObject({
      version: z.number().int().positive(),
      note: z.string().optional(),
      createdAt: z.string(),
      model: z.string().optional(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A committed prompt file, `flows/prompts/<name>.json`. */
export const promptFile = z.strictObject({
  $schema: z.string().optional(),
  name: promptName,
  description: z.string().max(4000).default(''),
  versions: z
    .array(
      z.strictObject({ version: z.number().int().positive(), template: promptTemplate, ...modelSettings, createdAt: z.string().min(1) }),
    )
    .min(1),
  labels: z.record(labelName, z.number().int().positive()).default({}),
});

export type VersionInput = z.infer<typeof versionInput>;
export type StoredVersion = z.infer<typeof storedVersion>;
export type PromptMeta = z.infer<typeof promptMeta>;
export type PromptFile = z.infer<typeof promptFile>;
