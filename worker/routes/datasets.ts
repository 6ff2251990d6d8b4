// Datasets in D1 (admin only): list with counts and hash, get with items (JSON or the canonical
// JSONL), push canonical JSONL (422 with every problem), delete, and add items from logged runs.
import { Hono } from 'hono';
import * as z from 'zod';
import { itemFromRun, type FromRunResult } from '../datasets/from-run';
import { splitName } from '../datasets/schema';
import { requireAdmin } from '../http/auth';
import { readJson, readText } from '../http/body';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import type { RunFilters } from '../runs/log/query';
import { runSources } from '../runs/result';
import { checkDatasetName } from '../store/datasets';
import { StoreError } from '../store/errors';
import { zodProblems } from '../store/problem';

/** D1 keeps a value of at most 2 MB, and a dataset's text is one value. */
export const MAX_DATASET_BYTES = 1_900_000;
const DAY_MS = 86_400_000;
/** Runs one from-runs call may take (by id or by filter). */
export const MAX_RUNS_PER_CALL = 500;

const time = z.union([z.number().int().nonnegative(), z.string().refine((s) => Number.isFinite(Date.parse(s)), 'an ISO time')]);
const toMs = (t: number | string | undefined) => (t === undefined ? undefined : typeof t === 'number' ? t : Date.parse(t));

const fromRunsBody = z
  .strictObject({
    runs: z.array(z.string().min(1).max(100)).min(1).max(MAX_RUNS_PER_CALL).optional(),
    filter: z
      .strictObject({
        flow: z.string().min(1).max(64).optional(),
        version: z
          .string()
          .regex(/^(draft|[1-9][0-9]{0,8})$/, 'a version number or "draft"')
          .optional(),
        status: z.enum(['ok', 'failed']).optional(),
        source: z.enum(runSources).optional(),
        thumbs: z.enum(['up', 'down']).optional(),
        corrected: z.boolean().optional(),
        days: z.number().int().min(1).max(366).optional(),
        from: time.optional(),
        to: time.optional(),
        q: z.string().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(MAX_RUNS_PER_CALL).default(200),
      })
      .optional(),
    nodeId: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a node id')
      .optional(),
    tags: z.array(z.string().min(1).max(64)).max(20).optional(),
    split: splitName.optional(),
  })
  .refine((b) => (b.runs === undefined) !== (b.filter === undefined), { message: 'send either "runs" (run ids) or "filter"' });
type FilterBody = NonNullable<z.infer<typeof fromRunsBody>['filter']>;

function badBody(error: z.ZodError, hint: string): never {
  const issues = zodProblems(error);
  throw new ApiError(400, 'bad_request', `${hint}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

const name = (raw: string) => {
  try {
    return checkDatasetName(raw);
  } catch (err) {
    if (err instanceof StoreError) throw new ApiError(400, 'bad_request', err.message, err.issues);
    throw err;
  }
};

export const datasetRoutes = new Hono<AppEnv>()
  .get('/datasets', requireAdmin, async (c) => c.json({ datasets: await c.var.stores.datasets.list() }))

  .get('/datasets/:name', requireAdmin, async (c) => {
    const hash = c.req.query('hash');
    if (hash !== undefined && !/^[0-9a-f]{8,64}$/i.test(hash))
      throw new ApiError(400, 'bad_request', 'hash is 8 to 64 hex digits (a prefix of the content hash).');
    const { text, list, ...meta } = await c.var.stores.datasets.get(c.req.param('name'), hash);
    if (c.req.query('format') === 'jsonl' || c.req.header('accept')?.includes('application/jsonl'))
      return c.body(text, 200, { 'content-type': 'application/jsonl; charset=utf-8', 'weir-dataset-hash': meta.hash });
    return c.json({ ...meta, items: list, count: list.length });
  })

  .get('/datasets/:name/versions', requireAdmin, async (c) =>
    c.json({ versions: await c.var.stores.datasets.versions(c.req.param('name')) }),
  )

  // The body is the dataset's JSONL (any formatting); it is stored canonical. Bad lines: 422, nothing stored.
  .put('/datasets/:name', requireAdmin, async (c) => {
    const dataset = name(c.req.param('name'));
    const text = await readText(c, MAX_DATASET_BYTES);
    try {
      const { changed, ...summary } = await c.var.stores.datasets.put(dataset, text, c.req.query('description'));
      return c.json({ ...summary, changed });
    } catch (err) {
      if (err instanceof StoreError && err.code === 'invalid' && err.issues?.length)
        throw new ApiError(422, 'invalid_dataset', `The dataset has ${err.issues.length} problem(s); nothing was stored.`, err.issues);
      throw err;
    }
  })

  .delete('/datasets/:name', requireAdmin, async (c) => {
    await c.var.stores.datasets.remove(c.req.param('name'));
    return c.body(null, 204);
  })

  .post('/datasets/:name/from-runs', requireAdmin, async (c) => {
    const dataset = name(c.req.param('name'));
    const body = fromRunsBody.safeParse(await readJson(c, 64 * 1024));
    if (!body.success)
      badBody(body.error, 'Send {"runs": [run ids]} or {"filter": {...run log filters, "days"?}}, with optional "nodeId", "tags", "split"');
    const { runs: ids, filter, ...opts } = body.data;
    const runIds = ids ? [...new Set(ids)] : await matchingRuns(c.var.stores.runs, filter!);
    const results: FromRunResult[] = [];
    // A few run reads at a time: each may fetch its payload from R2.
    for (let i = 0; i < runIds.length; i += 8) {
      const batch = await Promise.all(runIds.slice(i, i + 8).map((id) => c.var.stores.runs.get(id)));
      batch.forEach((run, j) =>
        results.push(
          run
            ? itemFromRun(run, opts)
            : {
                refused: {
                  runId: runIds[i + j],
                  code: 'not_found',
                  reason: 'no such run in the run log (it may have expired, or RUN_LOG skipped it)',
                },
              },
        ),
      );
    }
    const items = results.flatMap((r) => ('item' in r ? [r.item] : []));
    const refused = results.flatMap((r) => ('refused' in r ? [r.refused] : []));
    if (!items.length && !(await c.var.stores.datasets.list()).some((d) => d.name === dataset))
      return c.json({ dataset: null, matched: runIds.length, added: [], present: [], refused }, 200);
    const { dataset: summary, added, present } = await c.var.stores.datasets.add(dataset, items);
    const sourceOf = new Map(items.map((item) => [item.id, item.source]));
    return c.json({
      dataset: summary,
      matched: runIds.length,
      added: added.map((id) => ({ id, ...sourceOf.get(id) })),
      present: present.map((id) => ({ id, ...sourceOf.get(id) })),
      refused,
    });
  });

/** Run ids matching a run-log filter, newest first, up to its limit. */
async function matchingRuns(runs: AppEnv['Variables']['stores']['runs'], f: FilterBody): Promise<string[]> {
  const { days, from, to, limit, ...rest } = f;
  const filters: RunFilters = {
    ...rest,
    from: days !== undefined ? Date.now() - days * DAY_MS : toMs(from),
    to: toMs(to),
    limit: Math.min(limit, 200),
  };
  const ids: string[] = [];
  for (;;) {
    const page = await runs.list(filters);
    ids.push(...page.runs.map((r) => r.id));
    if (!page.nextCursor || ids.length >= limit) break;
    filters.cursor = page.nextCursor;
  }
  return ids.slice(0, limit);
}
