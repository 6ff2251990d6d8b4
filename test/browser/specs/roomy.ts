// Issue 11, "readable and roomy": flows open readable, cards show their data and their last run,
// palette and inspector collapse, the minimap stays off the nodes, layout fits the new positions,
// palette clicks land in free space, and dark mode follows the system with a toggle.
import type { Page } from 'playwright-core';
import { expect, type Spec } from '../harness';
import { currentFlow, openFlow, pressShortcut, selectNode } from './ui';

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;

/** The smallest node text on screen, in CSS pixels: font size times the canvas zoom. */
const smallestNodeText = (page: Page) =>
  page.evaluate(() => {
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
    let min = Infinity;
    for (const el of document.querySelectorAll<HTMLElement>('.weir-node, .weir-node *')) {
      if (!el.childNodes.length || ![...el.childNodes].some((c) => c.nodeType === 3 && c.textContent!.trim())) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min * zoom;
  });

const nodeBoxes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => {
      const r = n.getBoundingClientRect();
      return { id: n.dataset.id!, x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
const boxOf = async (page: Page, sel: string) => (await page.locator(sel).boundingBox())!;

export const roomySpecs: Spec[] = [
  {
    name: 'opens support-x1000 readable at 1440×900 and 1024×700, with its input in view',
    run: async (ctx) => {
      const { page } = ctx;
      for (const [width, height] of [
        [1440, 900],
        [1024, 700],
      ]) {
        await page.setViewportSize({ width, height });
        await page.goto('about:blank');
        await ctx.open('/flows/support-x1000');
        await openFlow(page, 'support-x1000', { fit: false });
        await page.waitForTimeout(300);
        const px = await smallestNodeText(page);
        expect(px >= 10.99, `node text is at least 11 px on screen at ${width}×${height} (got ${px.toFixed(2)})`);
        const pane = await boxOf(page, '.react-flow');
        const input = await boxOf(page, '.react-flow__node[data-id="question"]');
        expect(inside(input, pane), `the input node is in view at ${width}×${height}`);
        await page.screenshot({ path: `${process.cwd()}/test-results/browser/views/canvas-open-${width}.png` });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    },
  },
  {
    name: 'shows key data on the cards and, after a run, each node output, latency and tokens',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      const classify = page.locator('[data-testid=node-classify]');
      expect((await classify.textContent())?.includes('support-classify@production'), 'the prompt reference is on the card');
      expect(
        (await page.locator('[data-testid=node-route]').textContent())?.includes('X1000 technical'),
        'condition cases are on the card',
      );
      await page.click('[data-testid=tab-run]');
      await page.click('[data-testid=run-button]');
      await page.locator('[data-testid=run-result][data-phase=done]').waitFor({ timeout: 30_000 });
      const run = page.locator('[data-testid=node-run-classify]');
      await run.waitFor();
      const text = (await run.textContent()) ?? '';
      expect(/\d+ ms/.test(text) && /\d+ tok/.test(text), `the card shows latency and tokens (${text})`);
      expect(text.includes('technical'), 'the card previews the output');
      await ctx.shots('canvas-after-run');
    },
  },
  {
    name: 'collapses the palette and the inspector, and keeps the minimap off the nodes',
    run: async (ctx) => {
      const { page } = ctx;
      await page.setViewportSize({ width: 1440, height: 900 });
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      const minimap = await boxOf(page, '.react-flow__minimap');
      for (const n of await nodeBoxes(page)) expect(!overlap(n, minimap), `the minimap does not cover node ${n.id}`);
      const before = (await boxOf(page, '.react-flow')).width;
      await page.click('[data-testid=toggle-palette]');
      await page.click('[data-testid=toggle-inspector]');
      await page.waitForTimeout(200);
      const after = (await boxOf(page, '.react-flow')).width;
      expect(after > before + 400, `the canvas gains the room (${before} → ${after})`);
      expect((await page.getAttribute('[data-testid=toggle-inspector]', 'aria-expanded')) === 'false', 'the toggle says collapsed');
      await ctx.shots('canvas-collapsed');
      await page.click('[data-testid=toggle-minimap]');
      expect((await page.locator('.react-flow__minimap').count()) === 0, 'the minimap hides');
      await pressShortcut(page, 'Control+b');
      await pressShortcut(page, 'Control+j');
      await page.locator('.palette:not(.collapsed)').waitFor();
      await page.locator('[data-testid=tab-inspect]').waitFor();
      await page.reload();
      await openFlow(page, 'support-x1000');
      expect((await page.locator('.react-flow__minimap').count()) === 0, 'the choice is remembered');
      await page.click('[data-testid=toggle-minimap]');
    },
  },
  {
    name: 'fits the view to the new positions after automatic layout',
    run: async (ctx) => {
      const { page } = ctx;
      await page.setViewportSize({ width: 1440, height: 900 });
      await ctx.open('/flows/health-explainer');
      await openFlow(page, 'health-explainer', { fit: false });
      await page.click('[data-testid=layout]');
      await page.waitForTimeout(800);
      const pane = await boxOf(page, '.react-flow');
      const nodes = await nodeBoxes(page);
      for (const n of nodes) expect(inside(n, pane), `node ${n.id} is in view after layout`);
      await ctx.shots('canvas-after-layout');
    },
  },
  {
    name: 'adds a node from the palette beside the selection, on no other node',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await selectNode(page, 'classify');
      const before = new Set((await currentFlow(page)).nodes.map((n) => n.id));
      await page.click('[data-testid=palette-template]');
      await page.waitForFunction((n) => window.__weir!.flow().nodes.length === n + 1, before.size);
      const flow = await currentFlow(page);
      const added = flow.nodes.find((n) => !before.has(n.id))!;
      const classify = flow.nodes.find((n) => n.id === 'classify')!;
      expect(added.position.x > classify.position.x, 'the new node is to the right of the selection');
      await page.waitForTimeout(400);
      const boxes = await nodeBoxes(page);
      const mine = boxes.find((b) => b.id === added.id)!;
      for (const b of boxes) if (b.id !== added.id) expect(!overlap(mine, b), `the new node does not cover ${b.id}`);
      expect((await page.locator('[data-testid=node-id]').inputValue()) === added.id, 'the new node is selected');
    },
  },
  {
    name: 'follows the system dark mode, and the toggle switches and remembers',
    run: async (ctx) => {
      const { page } = ctx;
      await page.emulateMedia({ colorScheme: 'dark' });
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      expect((await page.getAttribute('html', 'data-theme')) === 'dark', 'dark when the system is dark');
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.weir-node')!).backgroundColor);
      expect(bg !== 'rgb(255, 255, 255)', `nodes are dark too (${bg})`);
      await ctx.shots('canvas-dark');
      await page.click('[data-testid=theme-toggle]');
      expect((await page.getAttribute('html', 'data-theme')) === 'light', 'the toggle switches to light');
      await page.reload();
      await openFlow(page, 'support-x1000');
      expect((await page.getAttribute('html', 'data-theme')) === 'light', 'the choice survives a reload');
      await page.click('[data-testid=theme-toggle]');
      await ctx.open('/');
      await page.locator('[data-testid=flow-table]').waitFor();
      await ctx.shots('flow-list-dark');
      await ctx.open('/prompts/email-announcement');
      await page.locator('[data-testid=version-diff] .diff-row').first().waitFor();
      await ctx.shots('prompts-dark');
      await ctx.open('/flows/support-x1000/releases');
      await page.locator('[data-testid=releases]').waitFor();
      await ctx.shots('releases-dark');
      await page.click('[data-testid=view-canvas]');
      await page.click('[data-testid=theme-toggle]');
    },
  },
];
