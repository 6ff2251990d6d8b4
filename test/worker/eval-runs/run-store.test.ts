// The eval-run store: a small report stays in the row, a large one goes to R2 and reads back the
// same; finishing never overrides a cancelled run; cells recorded twice are kept once.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { EvalReport } from '../../../worker/evals/report';
import { evalRunStore, INLINE_REPORT_BYTES, reportKey } from '../../../worker/eval-runs/run-store';
import type { Bindings } from '../../../worker/http/env';

const bindings = env as unknown as Bindings;
const store = () => evalRunStore(bindings.WEIR_DB, bindings.WEIR_BLOBS);

async function createRun(id: string) {
  return store().create({
    id,
    eval_name: 'store-eval',
    flow_id: 'store-flow',
    definition: '{}',
    variants: '[]',
    item_ids: '[]',
    dataset_name: 'store-data',
    dataset_hash: 'sha256:abc',
    dataset_split: null,
    repeats: 1,
    concurrency: 1,
    status: 'queued',
    total: 2,
    source: 'api',
    label: null,
    created_at: Date.now(),
  });
}

const reportOf = (size: number) =>
  ({ eval: { name: 'store-eval', flow: 'store-flow' }, padding: 'x'.repeat(size) }) as unknown as EvalReport;

describe('the eval-run store', () => {
  it('keeps a small report in the row and a large one in R2, and reads both back', async () => {
    await createRun('store-small');
    await store().setStatus('store-small', 'running', ['queued']);
    expect(await store().finish('store-small', reportOf(100))).toBe(true);
    expect(await store().report('store-small')).toEqual(reportOf(100));
    expect(await bindings.WEIR_BLOBS.head(reportKey('store-small'))).toBeNull();

    await createRun('store-large');
    await store().setStatus('store-large', 'running', ['queued']);
    expect(await store().finish('store-large', reportOf(INLINE_REPORT_BYTES + 10))).toBe(true);
    expect((await store().row('store-large'))!.report).toBeNull();
    expect(await bindings.WEIR_BLOBS.head(reportKey('store-large'))).not.toBeNull();
    expect(await store().report('store-large')).toEqual(reportOf(INLINE_REPORT_BYTES + 10));
    expect((await store().summary('store-large'))!.status).toBe('done');
  });

  it('does not finish a cancelled run, and records a cell once however often it is sent', async () => {
    await createRun('store-cancelled');
    await store().setStatus('store-cancelled', 'running', ['queued']);
    const cell = {
      itemId: 'a',
      variant: 'v',
      repeat: 0,
      runId: null,
      status: 'ok' as const,
      pass: true,
      score: 1,
      latencyMs: 3,
      costUsd: null,
      reasons: [],
      nodes: [],
      record: {},
    };
    await store().addCells('store-cancelled', [cell]);
    await store().addCells('store-cancelled', [
      { ...cell, pass: false },
      { ...cell, itemId: 'b' },
    ]);
    expect((await store().cells('store-cancelled')).map((c) => [c.item_id, c.pass])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect((await store().summary('store-cancelled'))!.done).toBe(2);
    expect(await store().setStatus('store-cancelled', 'cancelled', ['queued', 'running'])).toBe(true);
    expect(await store().finish('store-cancelled', reportOf(10))).toBe(false);
    expect(await store().report('store-cancelled')).toBeNull();
    expect(await store().setStatus('store-cancelled', 'running', ['queued', 'running'])).toBe(false);
  });
});
