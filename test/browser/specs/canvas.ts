// Breaking a flow shows the problem on the node and in the problems list; undo brings it back;
// copy, paste, delete and redo work from the keyboard.
import { generateFlow } from '../../../bench/editor-flow';
import { expect, type Spec } from '../harness';
import { currentFlow, openFlow, pressShortcut, selectNode } from './ui';

export const canvasSpecs: Spec[] = [
  {
    name: 'shows a broken expression on its node and in the problems list, and undo brings the flow back',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      const before = await currentFlow(page);
      await selectNode(page, 'route');
      await page.locator('[data-testid=field-cases-0-expression]').fill('nodes.classify.output.topic ==');
      await page.locator('[data-testid=field-cases-0-expression-error]').waitFor();
      const node = page.locator('[data-testid=node-route]');
      await page.waitForFunction(() => document.querySelector('[data-testid=node-route]')?.classList.contains('has-errors'));
      expect((await node.locator('.weir-node-problem').textContent())?.length, 'the problem is written on the node');
      await page.locator('[data-testid=dirty]').waitFor();
      await ctx.shot('problem-on-node');
      await page.click('[data-testid=tab-problems]');
      await page.locator('[data-testid=problems-list] .problem').first().waitFor();
      await pressShortcut(page, 'Escape');
      await page.locator('[data-testid=problems-list] .problem').first().click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid=node-id]') &&
          (document.querySelector('[data-testid=node-id]') as HTMLInputElement).value === 'route',
      );
      await ctx.shot('problems-list');
      await pressShortcut(page, 'Control+z');
      await page.waitForFunction(() => !document.querySelector('[data-testid=node-route]')?.classList.contains('has-errors'));
      expect(JSON.stringify(await currentFlow(page)) === JSON.stringify(before), 'undo restores the flow exactly');
      expect(!(await page.locator('[data-testid=dirty]').count()), 'after undo the flow is unchanged');
      await pressShortcut(page, 'Control+Shift+z');
      await page.waitForFunction(() => document.querySelector('[data-testid=node-route]')?.classList.contains('has-errors'));
    },
  },
  {
    name: 'copies, pastes and deletes nodes from the keyboard, with undo and redo',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      const count = async () => (await currentFlow(page)).nodes.length;
      const n = await count();
      await selectNode(page, 'general');
      await pressShortcut(page, 'Control+c');
      await pressShortcut(page, 'Control+v');
      await page.locator('.react-flow__node[data-id="general_2"]').waitFor();
      expect((await count()) === n + 1, 'paste adds a copy');
      await pressShortcut(page, 'Delete');
      await page.waitForFunction(() => !document.querySelector('.react-flow__node[data-id="general_2"]'));
      await pressShortcut(page, 'Control+z');
      await page.locator('.react-flow__node[data-id="general_2"]').waitFor();
      await pressShortcut(page, 'Control+z');
      await page.waitForFunction(() => !document.querySelector('.react-flow__node[data-id="general_2"]'));
      await pressShortcut(page, 'Control+y');
      await page.locator('.react-flow__node[data-id="general_2"]').waitFor();
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'a large flow opens readable at its start, draws only the nodes in view, and Fit draws all of it',
    run: async (ctx) => {
      const { page, stack } = ctx;
      const flow = { ...generateFlow(300), id: 'large-300', name: 'Large flow' };
      const put = await fetch(`${stack.url}/v1/flows/large-300?draft=1`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(flow),
      });
      expect(put.ok, `the large flow is stored: ${put.status}`);
      await ctx.open('/flows/large-300');
      await openFlow(page, 'large-300', { fit: false });
      await page.locator('.react-flow__node[data-id="start"]').waitFor();
      const drawn = await page.locator('.react-flow__node').count();
      expect(drawn < 100, `only the nodes in view are drawn: ${drawn}`);
      await selectNode(page, 'n1');
      await page.click('[data-testid=fit]');
      await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length > 250);
      await ctx.shot('large-flow-fit');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
