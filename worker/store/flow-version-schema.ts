// Flow releases as projected to KV: a version record (also copied under each label's ref key),
// carrying the flow's current public setting and whether the version is retired. Everything read
// back from KV passes through these schemas.
import * as z from 'zod';

/** Labels the store manages itself: `latest` follows the newest version, `default` is what an unpinned run uses. */
export const RESERVED_FLOW_LABELS = ['latest', 'default', 'draft'] as const;
export const flowVersionRecord = z.object({
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  flow: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  note: z.string().optional(),
  /** Set on label copies (`flow-ref:<id>@<label>`). */
  label: z.string().optional(),
  /** The flow's current setting (not the version's own `public`); absent in records written before it. */
  public: z.boolean().optional(),
  /** A retired version no longer runs by pin. */
  retired: z.boolean().optional(),
});

export const flowVersionSummary = z.object({
  version: z.number().int().positive(),
  hash: z.string(),
  createdAt: z.string(),
  note: z.string().optional(),
  retired: z.boolean().optional(),
});

export const publishBody = z.strictObject({ note: z.string().max(2000).optional() });

export type FlowVersionRecord = z.infer<typeof flowVersionRecord>;
export type FlowVersionSummary = z.infer<typeof flowVersionSummary>;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
