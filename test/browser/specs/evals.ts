// The Evals view against the real worker: open support-x1000's eval, run it live in the worker
// (a Workflow under wrangler dev) and watch the progress reach the end; read the matrix and its
// headers (pass rate with the Wilson interval the report gives), diff two variants (flips and
// McNemar's p), see the charts and the break-even chart, put the run's node stats on the canvas,
// and click a failing cell to see its run drawn on the canvas. Then cancel a long run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { EvalReport } from '../../../worker/evals/report';
import { expect, expectEqual, type Ctx, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { openFlow } from './ui';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The eval and its dataset as the worker stores them: `npm start` seeds evals/ and datasets/; this makes sure. */
async function ensureEval(ctx: Ctx, name: string): Promise<void> {
  const headers = { authorization: `Bearer ${ctx.stack.token}`, 'content-type': 'application/json' };
  const got = await fetch(`${ctx.stack.url}/v1/evals/${name}`, { headers });
  if (got.ok) return;
  const ds = await fetch(`${ctx.stack.url}/v1/datasets/${name}`, { headers });
  if (ds.status === 404) {
    const push = await fetch(`${ctx.stack.url}/v1/datasets/${name}`, {
      method: 'PUT',
      headers,
      body: readFileSync(join(repoRoot, 'datasets', `${name}.jsonl`), 'utf8'),
    });
    expect(push.ok, `the dataset is stored: ${push.status}`);
  }
  const put = await fetch(`${ctx.stack.url}/v1/evals/${name}`, {
    method: 'PUT',
    headers,
    body: readFileSync(join(repoRoot, 'evals', `${name}.eval.json`), 'utf8'),
  });
  expect(put.ok, `the eval is stored: ${put.status} ${await put.text()}`);
}

async function runDetail(ctx: Ctx, id: string) {
  const res = await fetch(`${ctx.stack.url}/v1/eval-runs/${id}`, { headers: { authorization: `Bearer ${ctx.stack.token}` } });
  return (await res.json()) as {
    run: { status: string; done: number; total: number };
    report: EvalReport;
    cells: { itemId: string; variant: string; runId: string | null; pass: boolean }[];
  };
}

const selectedRun = (page: Page) => page.evaluate(() => new URLSearchParams(location.search).get('run') ?? '');

/** Presses Run and answers the new run's id once the view shows it (a run the worker did not have before). */
async function startRun(ctx: Ctx): Promise<string> {
  const res = await fetch(`${ctx.stack.url}/v1/eval-runs?eval=support-x1000&limit=500`, {
    headers: { authorization: `Bearer ${ctx.stack.token}` },
  });
  const known = ((await res.json()) as { runs: { id: string }[] }).runs.map((r) => r.id);
  await ctx.page.click('[data-testid=eval-run]');
  await ctx.page.waitForFunction((old) => {
    const run = new URLSearchParams(location.search).get('run');
    return !!run && !old.includes(run) && !!document.querySelector(`[data-testid=eval-progress][data-run="${run}"]`);
  }, known);
  return selectedRun(ctx.page);
}

export const evalSpecs: Spec[] = [
  {
    name: 'runs the support-x1000 eval live and shows the matrix, intervals, diff, charts, the overlay and a cell run on the canvas',
    run: async (ctx) => {
      const { page } = ctx;
      await ensureEval(ctx, 'support-x1000');
      await ctx.open('/flows/support-x1000/evals');
      await openFlow(page, 'support-x1000', { fit: false });
      await page.locator('[data-testid=eval-pick]').waitFor();
      expect((await page.inputValue('[data-testid=eval-pick]')) === 'support-x1000', 'the flow’s eval is picked');

      // Run it: the progress bar follows the Workflow to the end.
      const id = await startRun(ctx);
      const progress = page.locator(`[data-testid=eval-progress][data-run="${id}"]`);
      await page.locator(`[data-testid=eval-progress][data-run="${id}"][data-status=done]`).waitFor({ timeout: 120_000 });
      const [done, total] = [Number(await progress.getAttribute('data-done')), Number(await progress.getAttribute('data-total'))];
      expect(total > 0 && done === total, `progress reached the end: ${done}/${total}`);
      const detail = await runDetail(ctx, id);
      const report = detail.report;
      expect(report && report.variants.length === 3, 'the worker has the report');
      expect(total === report.items.length * report.variants.length * report.repeats, `${total} runs = items × variants × repeats`);

      // The matrix: one row per item, headers with the report's pass rate and Wilson interval.
      await page.locator('[data-testid=mx-count]', { hasText: `${report.items.length} items` }).waitFor();
      expect((await page.locator('[data-testid^=mx-row-]').count()) === report.items.length, 'one row per item');
      // Each row shows the item's question, read from the dataset version the run used.
      const firstQuestion = ((await page.locator('[data-testid^=mx-row-] .mx-input').first().textContent()) ?? '').trim();
      expect(firstQuestion.length > 10, `the first row shows its question: ${firstQuestion}`);
      for (const v of report.variants) {
        const rate = (await page.locator(`[data-testid="mx-rate-${v.name}"]`).textContent()) ?? '';
        expectEqual(rate, `${pct(v.passRate)} (${pct(v.interval.low)}–${pct(v.interval.high)})`, `${v.name}'s header`);
        const head = (await page.locator(`[data-testid="mx-head-${v.name}"]`).textContent()) ?? '';
        expect(head.includes('p50') && head.includes('/item') && head.includes('/pass'), `latency and costs in the header: ${head}`);
      }
      const cells = await page.locator('[data-testid^=mx-cell-][data-pass]').count();
      expect(cells === report.items.length * 3, `a cell per item and variant: ${cells}`);
      await ctx.shots('evals-matrix');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=eval-download-report]')]);
      const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as EvalReport;
      expectEqual(
        saved.variants.map((v) => [v.name, v.passRate]),
        report.variants.map((v) => [v.name, v.passRate]),
        'the downloaded report',
      );

      // Diff: two variants, the flipped items marked, McNemar's p from the report.
      await page.check('[data-testid=mx-diff]');
      await page.selectOption('[data-testid=mx-diff-a]', 'base+prompt');
      await page.selectOption('[data-testid=mx-diff-b]', 'finetuned');
      const pair = report.pairs.find((p) => [p.a, p.b].sort().join() === ['base+prompt', 'finetuned'].sort().join())!;
      const summary = (await page.locator('[data-testid=mx-diff-summary]').textContent()) ?? '';
      expect(summary.startsWith(`${pair.flipped.length} flipped`) && summary.includes('McNemar exact p'), `diff summary: ${summary}`);
      expect((await page.locator('[data-testid^=mx-row-][data-flipped]').count()) === pair.flipped.length, 'the flipped rows are marked');
      await ctx.shot('evals-diff');
      await page.uncheck('[data-testid=mx-diff]');

      // Charts: quality against cost and latency distributions, drawn with recharts.
      await page.click('[data-testid=eval-tab-charts]');
      await page.locator('[data-testid=chart-latency] .recharts-bar-rectangle').first().waitFor();
      if (report.variants.some((v) => v.cost.perItem !== null)) {
        // One point per priced variant, each with its interval as an error bar.
        const priced = report.variants.filter((v) => v.cost.perItem !== null).length;
        await page
          .locator('[data-testid=chart-quality-cost] .recharts-errorBar')
          .nth(priced - 1)
          .waitFor();
      } else await page.locator('[data-testid=chart-quality-cost] .chart-empty').waitFor();
      await ctx.shots('evals-charts');

      // The technique comparison with its break-even chart (lines crossing at N*) or the reason it has none.
      await page.click('[data-testid=eval-tab-comparison]');
      await page.locator('[data-testid=eval-comparison]').waitFor();
      const cmp = report.comparison!;
      expect(!!cmp, `the eval has a comparison: ${report.comparisonError}`);
      if (cmp.breakEven.requests !== null) {
        await page.locator('[data-testid=chart-break-even] .recharts-line').nth(1).waitFor();
        const n = (await page.locator('[data-testid=break-even-n]').textContent()) ?? '';
        expect(n.replace(/[,k]/g, '') !== '', `N* is shown: ${n}`);
      } else await page.locator('[data-testid=eval-comparison]', { hasText: 'does not pay back' }).waitFor();
      if (cmp.retirement.warning) await page.locator('[data-testid=retirement-warning]').waitFor();
      expect((await page.locator('[data-testid^=pair-]').count()) === report.pairs.length, 'every pair of variants with its McNemar p');
      await ctx.shots('evals-comparison');

      // The overlay: each node's stats for a variant, branch rates on the condition's handles.
      await page.click('[data-testid=eval-show-on-canvas]');
      await page.locator('[data-testid=eval-overlay-bar]').waitFor();
      await page.selectOption('[data-testid=overlay-variant]', 'finetuned+prompt');
      const classify = (await page.locator('[data-testid=node-eval-classify]').textContent()) ?? '';
      expect(/\d+% pass/.test(classify) && classify.includes('n='), `the classifier's overlay: ${classify}`);
      await page.locator('[data-testid^=handle-rate-route-]').first().waitFor();
      await ctx.shots('evals-overlay');
      await page.click('[data-testid=overlay-off]');
      expect((await page.locator('[data-testid^=node-eval-]').count()) === 0, 'the overlay goes away');

      // A failing cell (or the first, if none failed) opens its run on the canvas.
      await page.click('[data-testid=view-evals]');
      await page.locator('[data-testid=eval-matrix]').waitFor();
      const failing = page.locator('[data-testid^=mx-cell-][data-pass=false]');
      const cell = (await failing.count()) ? failing.first() : page.locator('[data-testid^=mx-cell-][data-pass]').first();
      const [, itemVariant] = /^mx-cell-(.*)$/.exec((await cell.getAttribute('data-testid'))!)!;
      await cell.click();
      await page.locator('[data-testid=run-log-note]', { hasText: 'eval' }).waitFor();
      expect(new URL(page.url()).pathname === '/flows/support-x1000', 'back on the canvas');
      await page.locator('.weir-node.run-ok, .weir-node.run-failed').first().waitFor();
      const opened = detail.cells.filter((c) => `${c.itemId}-${c.variant}` === itemVariant);
      expect(opened.length > 0, `the cell ${itemVariant} has runs`);
      await ctx.shots('evals-cell-on-canvas');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'shows the Evals view in dark mode and cancels a long run',
    run: async (ctx) => {
      const { page } = ctx;
      await ensureEval(ctx, 'support-x1000');
      await page.emulateMedia({ colorScheme: 'dark' });
      await ctx.open('/flows/support-x1000/evals');
      await page.locator('[data-testid=eval-pick]').waitFor();

      // A short run (the first five items) in dark mode: matrix, charts, comparison, overlay.
      await page.fill('[data-testid=eval-limit]', '5');
      const short = await startRun(ctx);
      await page.locator(`[data-testid=eval-progress][data-run="${short}"][data-status=done]`).waitFor({ timeout: 120_000 });
      expect((await page.locator('[data-testid=eval-progress]').getAttribute('data-total')) === '15', 'five items × three variants');
      await page.locator('[data-testid=mx-count]', { hasText: '5 items' }).waitFor();
      await ctx.shots('evals-matrix-dark');
      await page.click('[data-testid=eval-tab-charts]');
      await page.locator('[data-testid=chart-latency] .recharts-bar-rectangle').first().waitFor();
      await ctx.shots('evals-charts-dark');
      await page.click('[data-testid=eval-tab-comparison]');
      await page.locator('[data-testid=eval-comparison]').waitFor();
      await ctx.shots('evals-comparison-dark');
      await page.click('[data-testid=eval-show-on-canvas]');
      await page.locator('[data-testid=node-eval-classify]').waitFor();
      await ctx.shots('evals-overlay-dark');

      // A long run (25 repeats), cancelled: the Workflow stops and the view says so.
      await page.click('[data-testid=view-evals]');
      await page.fill('[data-testid=eval-limit]', '');
      await page.fill('[data-testid=eval-repeats]', '25');
      const id = await startRun(ctx);
      await page.locator(`[data-testid=eval-progress][data-run="${id}"]:is([data-status=running], [data-status=queued])`).waitFor();
      // Live: the SSE stream is connected, cells arrive in the matrix and the headers count them.
      await page.locator('[data-testid=eval-progress-text]', { hasText: 'live' }).waitFor();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=eval-progress]')?.getAttribute('data-done')) > 0);
      await page.locator('[data-testid^=mx-cell-][data-pass]').first().waitFor();
      await page.locator('[data-testid^=mx-head-]', { hasText: 'so far' }).first().waitFor();
      await ctx.shot('evals-live-dark');
      await page.click('[data-testid=eval-cancel]');
      await page.locator(`[data-testid=eval-progress][data-run="${id}"][data-status=cancelled]`).waitFor({ timeout: 60_000 });
      const detail = await runDetail(ctx, id);
      expect(detail.run.status === 'cancelled', `the worker says cancelled: ${detail.run.status}`);
      expect(detail.run.done < detail.run.total, `it stopped early: ${detail.run.done}/${detail.run.total}`);
      await page.locator(`[data-testid="eval-run-${id}"]`, { hasText: 'cancelled' }).waitFor();
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'diff mode marks the items that flipped between a working and a broken variant, with McNemar p',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ensureEval(ctx, 'support-x1000');
      // The same flow twice: as it is, and with the classifier on a model that always fails (500).
      const name = `flip-${Date.now().toString(36)}`;
      const file = {
        version: 1,
        name,
        flow: 'support-x1000',
        dataset: { name: 'support-x1000', split: 'test' },
        variants: [{ name: 'as-is' }, { name: 'broken', overrides: { classify: { model: 'echo:fail-500' } } }],
        repeats: 1,
        concurrency: 4,
      };
      const put = await fetch(`${stack.url}/v1/evals/${name}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(file),
      });
      expect(put.ok, `the eval is stored: ${put.status} ${await put.text()}`);
      await ctx.open(`/flows/support-x1000/evals?eval=${name}`);
      await page.locator('[data-testid=eval-pick]').waitFor();
      expect((await page.inputValue('[data-testid=eval-pick]')) === name, 'the eval in the address is picked');
      await page.click('[data-testid=eval-run]');
      await page.waitForFunction(() => !!new URLSearchParams(location.search).get('run'));
      const id = await selectedRun(page);
      await page.locator(`[data-testid=eval-progress][data-run="${id}"][data-status=done]`).waitFor({ timeout: 120_000 });
      const report = (await runDetail(ctx, id)).report;
      const pair = report.pairs[0];
      const asIs = report.variants.find((v) => v.name === 'as-is')!;
      expect(asIs.passed > 0 && report.variants.find((v) => v.name === 'broken')!.passed === 0, 'the broken variant fails every item');
      expect(pair.flipped.length === asIs.passed, `every item that passes as-is flipped: ${pair.flipped.length}`);

      await page.check('[data-testid=mx-diff]');
      const summary = (await page.locator('[data-testid=mx-diff-summary]').textContent()) ?? '';
      expect(
        summary.startsWith(`${pair.flipped.length} flipped: ${pair.flipped.length} pass only with as-is, 0 only with broken`),
        `diff summary: ${summary}`,
      );
      expectEqual(
        await page.locator('[data-testid=mx-mcnemar]').textContent(),
        pair.mcnemar.pValue < 0.001 ? 'p < 0.001' : `p = ${pair.mcnemar.pValue.toFixed(3)}`,
        "McNemar's p",
      );
      expect(summary.includes('significant at 5%') && pair.significant, 'significant');
      const flipped = (
        await page
          .locator('[data-testid^=mx-row-][data-flipped]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice(7)))
      ).sort();
      expectEqual(flipped, pair.flipped.map((f) => f.itemId).sort(), 'the flipped rows');
      await page.check('[data-testid=mx-only-flipped]');
      expect((await page.locator('[data-testid^=mx-row-]').count()) === pair.flipped.length, 'only the flipped rows are left');
      await ctx.shots('evals-diff-flipped');

      // A broken cell's reason says where it failed; clicking it shows the failed run on the canvas.
      const broken = page.locator('[data-testid^=mx-cell-][data-testid$=-broken]').first();
      expect(((await broken.getAttribute('title')) ?? '').includes('classify'), 'the reason names the failing node');
      await broken.click();
      await page.locator('[data-testid=run-result][data-phase=failed]').waitFor();
      await page.locator('.weir-node.run-failed[data-testid=node-classify]').waitFor();
      await ctx.shot('evals-failed-cell-on-canvas');

      // The overlay of the broken variant: the classifier failed every time.
      await page.click('[data-testid=view-evals]');
      await page.click('[data-testid=eval-show-on-canvas]');
      await page.selectOption('[data-testid=overlay-variant]', 'broken');
      await page.locator('[data-testid=node-eval-classify]', { hasText: '100% failed' }).waitFor();
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'the comparison draws the break-even chart with the lines crossing at N* when the fine-tune is cheaper per call',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ensureEval(ctx, 'support-x1000');
      // support-x1000's eval with a cheap fine-tuned model and a small training set: it pays back.
      const base = JSON.parse(readFileSync(join(repoRoot, 'evals', 'support-x1000.eval.json'), 'utf8')) as Record<string, unknown> & {
        comparison: Record<string, unknown>;
      };
      const name = `breakeven-${Date.now().toString(36)}`;
      // The fine-tuned node's model as the draft has it now (another spec may have adopted a new one).
      const draft = (await (
        await fetch(`${stack.url}/v1/flows/support-x1000`, { headers: { authorization: `Bearer ${stack.token}` } })
      ).json()) as {
        flow: { nodes: { id: string; data: { model?: string } }[] };
      };
      const tuned = draft.flow.nodes.find((node) => node.id === 'specialist')?.data.model;
      expect(!!tuned, 'the draft has a fine-tuned specialist model');
      const file = {
        ...base,
        name,
        prices: { [tuned!]: { input: 0.01, output: 0.01 } },
        comparison: { ...base.comparison, trainingTokens: 20_000 },
      };
      const put = await fetch(`${stack.url}/v1/evals/${name}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(file),
      });
      expect(put.ok, `the eval is stored: ${put.status} ${await put.text()}`);
      await ctx.open(`/flows/support-x1000/evals?eval=${name}`);
      await page.locator('[data-testid=eval-pick]').waitFor();
      await page.fill('[data-testid=eval-limit]', '6');
      await page.click('[data-testid=eval-run]');
      await page.waitForFunction(() => !!new URLSearchParams(location.search).get('run'));
      const id = await selectedRun(page);
      await page.locator(`[data-testid=eval-progress][data-run="${id}"][data-status=done]`).waitFor({ timeout: 120_000 });
      const cmp = (await runDetail(ctx, id)).report.comparison!;
      expect(cmp.breakEven.requests !== null, `N* exists: ${cmp.breakEven.reason}`);

      await page.click('[data-testid=eval-tab-comparison]');
      const n = cmp.breakEven.requests!;
      const shown = (await page.locator('[data-testid=break-even-n]').textContent()) ?? '';
      expectEqual(
        shown,
        n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US'),
        'N* in words',
      );
      await page.locator('[data-testid=chart-break-even] .recharts-line').nth(1).waitFor();
      await page.locator('[data-testid=chart-break-even]', { hasText: `N* = ${shown}` }).waitFor();
      expect((await page.locator('[data-testid=chart-break-even] .recharts-reference-line').count()) >= 1, 'N* is marked on the chart');
      // The two lines meet at N*: the prompt line's cost there equals the fine-tuned line's.
      const fixed = (cmp.training.costUsd ?? 0) + (cmp.evalCostUsd ?? 0) + cmp.hosting.costUsd;
      const gap = cmp.costPerCall.prompt! * n - (fixed + cmp.costPerCall.finetuned! * n);
      expect(gap >= 0 && gap <= cmp.costPerCall.prompt! - cmp.costPerCall.finetuned!, `the lines cross at N* (gap ${gap})`);
      await ctx.shots('evals-break-even');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
