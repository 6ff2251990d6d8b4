// Datasets from the Runs view: select runs with their checkboxes, "Add to dataset…" with a new
// name and a split, see what was added and which failed run was refused; adding again adds
// nothing; the dataset is in D1 with the runs as items.
import { expect, type Ctx, type Spec } from '../harness';
import { openFlow } from './ui';

async function runViaApi(ctx: Ctx, flow: string, input: unknown): Promise<string> {
  const res = await fetch(`${ctx.stack.url}/v1/flows/${flow}/run`, {
    method: 'POST',
    headers: { authorization: 'Bearer browser-invoke', 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return ((await res.json()) as { runId: string }).runId;
}

export const datasetSpecs: Spec[] = [
  {
    name: 'adds selected runs to a new dataset from the Runs view, showing what was added and refused',
    run: async (ctx) => {
      const { page } = ctx;
      const tag = `ds${Date.now().toString(36)}`;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++)
        ids.push(await runViaApi(ctx, 'support-x1000', { question: `How do I fix E5 on the X1000? ${tag} #${i}` }));
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await page.click('[data-testid=tab-runs]');
      await page.locator('[data-testid=runs-filter-text]').fill(tag);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 3);

      await page.click(`[data-testid="run-select-${ids[0]}"]`);
      await page.click(`[data-testid="run-select-${ids[2]}"]`);
      expect((await page.locator('[data-testid=runs-selected-count]').textContent()) === '2 selected', 'two runs selected');
      expect((await page.locator('[data-testid=run-log-note]').count()) === 0, 'a checkbox does not open the run');
      const name = `promoted-${tag}`;
      await page.click('[data-testid=add-to-dataset-open]');
      await page.fill('[data-testid=add-to-dataset-name]', name);
      await page.locator('[data-testid=add-to-dataset-target]', { hasText: `creates ${name}` }).waitFor();
      await page.selectOption('[data-testid=add-to-dataset-split]', 'train');
      await page.click('[data-testid=add-to-dataset-submit]');
      const summary = page.locator('[data-testid=add-to-dataset-summary]');
      await summary.waitFor();
      const text = (await summary.textContent()) ?? '';
      expect(text.startsWith(`2 added to ${name}`) && text.includes('now 2 items'), `what was added: ${text}`);
      await ctx.shot('runs-added-to-dataset');

      const stored = await fetch(`${ctx.stack.url}/v1/datasets/${name}`, { headers: { authorization: `Bearer ${ctx.stack.token}` } });
      const body = (await stored.json()) as { items: { id: string; split?: string; source: { runId: string } }[] };
      expect(
        JSON.stringify(body.items.map((i) => [i.source.runId, i.split])) ===
          JSON.stringify([
            [ids[0], 'train'],
            [ids[2], 'train'],
          ]),
        `the dataset holds the two runs, oldest first: ${JSON.stringify(body.items)}`,
      );

      // Again, with every run selected plus one the log does not know: nothing doubles.
      await page.click('[data-testid=runs-select-all]');
      expect((await page.locator('[data-testid=runs-selected-count]').textContent()) === '3 selected', 'select all');
      await page.click('[data-testid=add-to-dataset-submit]');
      await page.locator('[data-testid=add-to-dataset-summary]', { hasText: `1 added to ${name}, 2 already there` }).waitFor();
      expect(((await summary.textContent()) ?? '').includes('now 3 items'), 'three items after the second add');

      // The feedback filter narrows the table to thumbs-down runs, ready to select and add.
      const fb = await fetch(`${ctx.stack.url}/v1/runs/${ids[1]}/feedback`, {
        method: 'POST',
        headers: { authorization: 'Bearer browser-invoke', 'content-type': 'application/json' },
        body: JSON.stringify({ thumbs: 'down' }),
      });
      expect(fb.status === 201, `feedback stored: ${fb.status}`);
      await page.selectOption('[data-testid=runs-filter-feedback]', 'down');
      await page.waitForFunction(
        (id) =>
          document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 1 &&
          !!document.querySelector(`[data-testid="run-row-${id}"]`),
        ids[1],
      );
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'lists a failed run as refused with its reason and creates no dataset',
    run: async (ctx) => {
      const { page, stack } = ctx;
      const id = `ds-fail-${Date.now().toString(36)}`;
      // input -> prompt on a model the echo provider fails (404) -> output: every run fails.
      const flow = {
        version: 1,
        id,
        name: 'Failing flow',
        input: { fields: { question: { type: 'string', required: true } } },
        nodes: [
          { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
          {
            id: 'answer',
            type: 'prompt',
            position: { x: 250, y: 0 },
            data: { model: 'echo:fail-404', prompt: { text: 'Q: {{input.question}}' } },
          },
          { id: 'result', type: 'output', position: { x: 500, y: 0 }, data: {} },
        ],
        edges: [
          { source: 'question', target: 'answer' },
          { source: 'answer', target: 'result' },
        ],
      };
      const put = await fetch(`${stack.url}/v1/flows/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(flow),
      });
      expect(put.ok, `the flow is stored: ${put.status} ${await put.text()}`);
      const failed = await runViaApi(ctx, id, { question: 'Why?' });
      await ctx.open(`/flows/${id}`);
      await openFlow(page, id);
      await page.click('[data-testid=tab-runs]');
      await page.locator(`[data-testid="run-row-${failed}"]`).waitFor();
      await page.click(`[data-testid="run-select-${failed}"]`);
      await page.click('[data-testid=add-to-dataset-open]');
      await page.fill('[data-testid=add-to-dataset-name]', `${id}-items`);
      await page.click('[data-testid=add-to-dataset-submit]');
      const refused = page.locator(`[data-testid=add-to-dataset-refused] li[data-run="${failed}"]`);
      await refused.waitFor();
      expect(((await refused.textContent()) ?? '').includes('the run failed'), `the refusal says why: ${await refused.textContent()}`);
      const summary = (await page.locator('[data-testid=add-to-dataset-summary]').textContent()) ?? '';
      expect(summary.startsWith(`0 added to ${id}-items, 1 refused`), `nothing added: ${summary}`);
      const stored = await fetch(`${stack.url}/v1/datasets/${id}-items`, { headers: { authorization: `Bearer ${stack.token}` } });
      expect(stored.status === 404, `no dataset was created: ${stored.status}`);
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
