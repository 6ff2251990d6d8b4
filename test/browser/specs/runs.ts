// The run log in the editor: five runs of an example appear in the flow's Runs view with latency,
// tokens, cost and feedback; the failures filter; opening a run draws it on the canvas; the run
// panel's recent runs and "Run all examples"; runs today in the flow list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Ctx, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { openFlow } from './ui';

const exampleCount = (JSON.parse(readFileSync(join(repoRoot, 'flows', 'support-x1000.json'), 'utf8')) as { examples: unknown[] }).examples
  .length;
const question = (tag: string, i: number) => `How do I troubleshoot error code E5 on the X1000? ${tag} #${i}`;

async function runViaApi(ctx: Ctx, flow: string, input: unknown): Promise<{ status: number; runId: string }> {
  const res = await fetch(`${ctx.stack.url}/v1/flows/${flow}/run`, {
    method: 'POST',
    headers: { authorization: 'Bearer browser-invoke', 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return { status: res.status, runId: ((await res.json()) as { runId: string }).runId };
}

export const runLogSpecs: Spec[] = [
  {
    name: 'shows five runs with latency, tokens, cost and feedback, filters failures and opens a run on the canvas',
    run: async (ctx) => {
      const { page } = ctx;
      const tag = `spec${Date.now().toString(36)}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await runViaApi(ctx, 'support-x1000', { question: question(tag, i) });
        expect(r.status === 200, `run ${i} answered 200, got ${r.status}`);
        ids.push(r.runId);
      }
      const fb = await fetch(`${ctx.stack.url}/v1/runs/${ids[1]}/feedback`, {
        method: 'POST',
        headers: { authorization: 'Bearer browser-invoke', 'content-type': 'application/json' },
        body: JSON.stringify({ thumbs: 'down', comment: 'wrong' }),
      });
      // The log records just after the answer; feedback needs the record.
      expect(fb.status === 201 || fb.status === 404, `feedback answered ${fb.status}`);

      await ctx.open('/');
      await page.locator('[data-testid=run-stats-support-x1000]').waitFor();
      expect(
        /\d+ runs?/.test((await page.locator('[data-testid=run-stats-support-x1000]').textContent()) ?? ''),
        'the flow list shows runs today',
      );

      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await page.click('[data-testid=tab-runs]');
      await page.locator('[data-testid=runs-view]').waitFor();
      await page.locator('[data-testid=runs-filter-text]').fill(tag);
      await page.waitForFunction(
        (first) =>
          document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 5 &&
          !!document.querySelector(`[data-testid="run-row-${first}"]`),
        ids[0],
      );
      for (const id of ids) {
        const cells = await page.locator(`[data-testid="run-row-${id}"] td`).allTextContents();
        // The first cell is the selection checkbox, then the time.
        const [, , status, version, latency, tokens, cost] = cells;
        expect(status.startsWith('ok'), `${id} is ok: ${status}`);
        expect(version === 'draft' || /^v\d+$/.test(version), `version shown: ${version}`);
        expect(/\d+ (ms|s)$/.test(latency), `latency shown: ${latency}`);
        expect(Number(tokens) > 0, `tokens shown: ${tokens}`);
        expect(cost.startsWith('$'), `cost shown: ${cost}`);
      }
      const rates = (await page.locator('[data-testid=runs-node-rates]').textContent()) ?? '';
      expect(rates.includes('specialist: fell back') && rates.includes('route: '), `per-node fallback and branch rates: ${rates}`);
      if (fb.status === 201)
        expect(
          ((await page.locator(`[data-testid="run-row-${ids[1]}"]`).textContent()) ?? '').includes('thumbs down, 1 comment'),
          'feedback shows on its run',
        );
      await ctx.shot('runs-view');

      await page.selectOption('[data-testid=runs-filter-status]', 'failed');
      await page.locator('[data-testid=runs-empty]').waitFor();
      await page.selectOption('[data-testid=runs-filter-status]', '');
      await page.locator(`[data-testid="run-row-${ids[0]}"]`).waitFor();

      await page.click(`[data-testid="run-row-${ids[0]}"]`);
      await page.locator('[data-testid=run-log-note]').waitFor();
      await page.locator('[data-testid=run-result][data-phase=done]').waitFor();
      expect((await page.locator('.weir-node.run-ok').count()) >= 4, 'the taken path is drawn ok');
      expect((await page.locator('.weir-node.run-skipped').count()) >= 1, 'the untaken branch is drawn skipped');
      expect((await page.locator('.react-flow__edge.edge-taken').count()) >= 3, 'taken edges are highlighted');
      expect(((await page.locator('[data-testid=run-output]').textContent()) ?? '').includes(tag), 'the output of the opened run');
      await page.locator('.react-flow__node[data-id="specialist"] .weir-node-id').click();
      await page.locator('[data-testid=tab-run]').click();
      const trace = page.locator('[data-testid=trace-specialist]');
      await trace.waitFor();
      const text = (await trace.textContent()) ?? '';
      expect(
        text.includes('Cost') && text.includes('Tokens') && text.includes(tag),
        `the node's cost, tokens and rendered prompt: ${text.slice(0, 200)}`,
      );
      await ctx.shot('run-opened');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'runs all examples from the run panel and keeps recent runs across reloads',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await page.click('[data-testid=tab-run]');
      await page.click('[data-testid=run-all-examples]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=example-results] tr').length === n, exampleCount);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=example-results] tr')].every((tr) => tr.getAttribute('data-phase') === 'done'),
      );
      await page.locator('[data-testid=recent-runs]').waitFor();
      await page.reload();
      await openFlow(page, 'support-x1000');
      await page.click('[data-testid=tab-run]');
      await page.locator('[data-testid=recent-runs]').waitFor();
      const recent = page.locator('[data-testid^=recent-run-]');
      expect((await recent.count()) >= exampleCount, 'recent runs are listed after a reload');
      await recent.first().click();
      await page.locator('[data-testid=run-log-note]').waitFor();
      expect(
        ((await page.locator('[data-testid=run-log-note]').textContent()) ?? '').includes('editor'),
        'editor runs are logged with source editor',
      );
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
