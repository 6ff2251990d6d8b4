// Request bodies as JSON with a size cap: 413 past the cap (checked while reading, not only from
// Content-Length), 400 for text that is not JSON or nests deeper than MAX_JSON_DEPTH (checked on
// the text before parsing, so no recursive code downstream can overflow the stack).
import type { Context } from 'hono';
import * as z from 'zod';
import { zodProblems } from '../store/problem';
import { ApiError } from './errors';

/** Flows and prompt versions. */
export const MAX_FLOW_BYTES = 256 * 1024;
export const MAX_PROMPT_BYTES = 256 * 1024;
/** The body of a run request, `{ "input": ... }`. */
export const MAX_RUN_INPUT_BYTES = 64 * 1024;
/** Objects and arrays inside one another; a flow with a deep JSON Schema needs a few dozen. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of objects and arrays in JSON text, stopping as soon as it passes `max`. */
export function jsonDepth(text: string, max = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return deepest;
}

/** JSON.parse for request bodies: 400 for bad JSON and for nesting past MAX_JSON_DEPTH. */
export function parseJsonBody(text: string): unknown {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ApiError(400, 'too_deeply_nested', `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, 'bad_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KB.`);

export async function readText(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

export async function readJson(c: Context, limit: number): Promise<unknown> {
  const text = await readText(c, limit);
  if (text.trim() === '') throw new ApiError(400, 'bad_json', 'The request body is empty; send JSON.');
  return parseJsonBody(text);
}

export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ApiError(400, 'bad_request', `${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

const labelBody = z.strictObject({ version: z.number().int().positive() });

/** The body of a label move, `{"version": <n>}`, for prompts and flows alike. */
export async function readLabelVersion(c: Context): Promise<number> {
  const body = labelBody.safeParse(await readJson(c, 1024));
  if (!body.success) throw new ApiError(400, 'bad_request', 'Send {"version": <number>}.', zodProblems(body.error));
  return body.data.version;
}
