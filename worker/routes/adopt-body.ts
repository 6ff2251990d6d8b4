// The body of the Adopt routes: which flow and fine-tuned node to write the model into. Optional for
// a job (it defaults to the job's target), required for a registry model.
import type { Context } from 'hono';
import * as z from 'zod';
import { nodeId, slug } from '../engine/schema';
import { readJson, requireObject } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { zodProblems } from '../store/problem';

export const adoptBody = z.strictObject({ flow: slug.optional(), node: nodeId.optional() });

export async function readAdoptBody(c: Context<AppEnv>): Promise<z.infer<typeof adoptBody>> {
  const empty = c.req.header('content-length') === '0' || !c.req.header('content-type');
  const raw = empty ? {} : requireObject(await readJson(c, 4096), 'The request body');
  const parsed = adoptBody.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'bad_request', 'Send {flow?, node?}.', zodProblems(parsed.error));
  return parsed.data;
}
