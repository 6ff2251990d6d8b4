// Builds support-x1000 from an empty canvas by UI actions alone, saves it, checks the file on
// disk is canonical and valid and matches the example, then runs it and checks the lit path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFlow, validateFlow, type Flow } from '../../../worker/engine/index';
import { expect, expectEqual, type Ctx, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { connect, dropNode, pressShortcut, setSelectedNodeId } from './ui';

const CLASSIFY_SCHEMA = JSON.parse(readFileSync(join(repoRoot, 'flows/support-x1000.json'), 'utf8')).nodes.find(
  (n: { id: string }) => n.id === 'classify',
).data.responseFormat.schema;

async function chooseKvPrompt(ctx: Ctx, name: string) {
  const { page } = ctx;
  await page.click('[data-testid=prompt-mode-ref]');
  await page.locator('[data-testid=prompt-name]').selectOption(name);
  await page.locator('[data-testid=prompt-pin]').selectOption('production');
  await page.locator('[data-testid=prompt-resolved]').waitFor();
}

async function build(ctx: Ctx): Promise<void> {
  const { page } = ctx;
  await ctx.open('/');
  await page.click('[data-testid=new-flow]');
  await page.fill('[data-testid=new-flow-name]', 'Support X1000 built');
  await page.click('[data-testid=new-flow-create]');
  await page.locator('[data-testid=canvas-empty]').waitFor();
  await ctx.shot('empty-canvas');

  // Flow settings: describe the question field and add the examples.
  await page.locator('[data-testid=input-fields] input[placeholder=description]').fill("The customer's question");
  await page.locator('[data-testid=flow-examples]').fill(
    JSON.stringify([
      { name: 'x1000-error-e5', input: { question: 'How do I troubleshoot error code E5 on the X1000?' } },
      { name: 'billing', input: { question: 'Why was I charged twice on my billing statement?' } },
    ]),
  );

  // Seven nodes on a grid: (x, y) inside the canvas pane.
  const place: [string, string, number, number][] = [
    ['input', 'question', 120, 70],
    ['prompt', 'classify', 390, 70],
    ['condition', 'route', 660, 70],
    ['finetuned', 'specialist', 120, 290],
    ['prompt', 'detailed', 390, 290],
    ['prompt', 'general', 660, 290],
    ['output', 'answer', 390, 540],
  ];
  for (const [type, id, x, y] of place) {
    await dropNode(page, type, x, y);
    await setSelectedNodeId(page, id);
    if (id === 'classify') {
      await page.locator('[data-testid=field-model]').fill('');
      await chooseKvPrompt(ctx, 'support-classify');
      await page.locator('[data-testid=field-temperature]').fill('0');
      await page.locator('[data-testid=field-responseFormat]').selectOption({ label: 'json' });
      await page.locator('[data-testid=field-responseFormat-schema-mode-json]').click();
      await page.locator('[data-testid=field-responseFormat-schema]').fill(JSON.stringify(CLASSIFY_SCHEMA, null, 2));
      await ctx.shot('inspector-prompt');
    } else if (id === 'route') {
      await page.locator('[data-testid=field-cases-0-id]').fill('x1000_technical');
      await page.locator('[data-testid=field-cases-0-label]').fill('X1000 technical');
      await page
        .locator('[data-testid=field-cases-0-expression]')
        .fill('nodes.classify.output.topic == "technical" && nodes.classify.output.product == "X1000"');
    } else if (id === 'specialist') {
      await page.locator('[data-testid=field-model]').fill('ft:gpt-4o-mini-2024-07-18:acme:x1000-support:9xK2pQ');
      await page.locator('[data-testid=field-baseModel]').fill('gpt-4o-mini-2024-07-18');
      await chooseKvPrompt(ctx, 'x1000-answer');
    } else if (id === 'detailed') {
      await page.locator('[data-testid=field-model]').fill('gpt-4o-mini');
      await chooseKvPrompt(ctx, 'x1000-troubleshoot-detailed');
    } else if (id === 'general') {
      await page.locator('[data-testid=field-model]').fill('gpt-4o-mini');
      await page
        .locator('[data-testid=field-system]')
        .fill(
          "You are Acme's friendly support agent. Answer briefly. For billing or account changes, point to Settings > Account or support@acme.example.",
        );
      await page.locator('[data-testid=prompt-text]').fill('Customer question ({{nodes.classify.output.topic}}): {{input.question}}');
      await page.locator('[data-testid=field-temperature]').fill('0.3');
    }
  }

  const edges: [string, string, string][] = [
    ['question', 'out', 'classify'],
    ['classify', 'out', 'route'],
    ['route', 'x1000_technical', 'specialist'],
    ['route', 'default', 'general'],
    ['specialist', 'out', 'answer'],
    ['specialist', 'fallback', 'detailed'],
    ['detailed', 'out', 'answer'],
    ['general', 'out', 'answer'],
  ];
  // Fit first: a connection dragged near the pane's edge pans the canvas under the mouse.
  await page.click('[data-testid=fit]');
  await page.waitForTimeout(500);
  for (const [s, h, t] of edges) await connect(page, s, h, t);
  await page.locator('[data-testid=tab-problems]').click();
  await page.locator('.state-empty', { hasText: 'No problems' }).waitFor();
  await page.click('[data-testid=layout]');
  await page.waitForTimeout(400);
  await ctx.shot('built-flow');
  await pressShortcut(page, 'Control+s');
  await page.locator('[data-testid=save-status]', { hasText: 'Saved to' }).waitFor();
  expect(!(await page.locator('[data-testid=dirty]').count()), 'the unsaved mark is gone after saving');
}

export const buildSpecs: Spec[] = [
  {
    name: 'builds support-x1000 from an empty canvas, saves a canonical valid file, and runs the technical path',
    run: async (ctx) => {
      await build(ctx);
      const text = readFileSync(join(ctx.stack.flowsDir, 'support-x1000-built.json'), 'utf8');
      const flow = JSON.parse(text) as Flow;
      expectEqual(formatFlow(flow) === text, true, 'the saved file is in canonical form');
      expectEqual(
        validateFlow(flow).filter((p) => p.severity === 'error'),
        [],
        'the saved flow validates',
      );
      const example = JSON.parse(readFileSync(join(repoRoot, 'flows/support-x1000.json'), 'utf8')) as Flow;
      const shape = (f: Flow) => ({
        nodes: f.nodes.map(({ id, type, data }) => ({ id, type, data })).sort((a, b) => a.id.localeCompare(b.id)),
        edges: f.edges.map((e) => `${e.source}:${e.sourceHandle ?? 'out'}->${e.target}`).sort(),
        input: f.input,
      });
      const { input: _a, ...built } = shape(flow);
      const { input: _b, ...expected } = shape(example);
      expectEqual(built, expected, 'nodes and edges match flows/support-x1000.json');

      const { page } = ctx;
      await page.click('[data-testid=tab-run]');
      await page.locator('[data-testid=run-example]').selectOption({ label: 'x1000-error-e5' });
      await page.click('[data-testid=run-button]');
      await page.locator('[data-testid=run-result][data-phase=done]').waitFor({ timeout: 30_000 });
      const status = async (id: string) => page.locator(`[data-testid=node-${id}]`).getAttribute('class');
      for (const id of ['question', 'classify', 'route', 'specialist', 'answer'])
        expect((await status(id))?.includes('run-ok'), `${id} lit up as ok: ${await status(id)}`);
      for (const id of ['general', 'detailed'])
        expect((await status(id))?.includes('run-skipped'), `${id} was skipped: ${await status(id)}`);
      expect((await page.locator('.react-flow__edge.edge-taken').count()) === 4, 'four edges on the taken path');
      await page.locator('.react-flow__node[data-id="specialist"] .weir-node-id').click();
      await page.locator('[data-testid=trace-specialist]').waitFor();
      await ctx.shot('run-panel');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
