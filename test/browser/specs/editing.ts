// Editing in the inspector: renaming a node rewrites every reference to it (one undo step puts
// it all back), syntax errors show once, and the examples are checked against the input fields.
import { expect, expectEqual, type Spec } from '../harness';
import { currentFlow, openFlow, pressShortcut, selectNode, setSelectedNodeId } from './ui';

export const editingSpecs: Spec[] = [
  {
    name: 'renaming a node rewrites its references in templates and expressions, and one undo restores them',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      const before = await currentFlow(page);
      await selectNode(page, 'classify');
      await setSelectedNodeId(page, 'triage');
      const after = await currentFlow(page);
      const text = JSON.stringify(after);
      expect(!text.includes('nodes.classify'), 'no reference to nodes.classify is left');
      const route = after.nodes.find((n) => n.id === 'route')!.data as { cases: { expression: string }[] };
      expectEqual(
        route.cases[0].expression,
        'nodes.triage.output.topic == "technical" && nodes.triage.output.product == "X1000"',
        'the condition reads the renamed node',
      );
      const general = after.nodes.find((n) => n.id === 'general')!.data as { prompt: { text: string } };
      expect(general.prompt.text.includes('{{nodes.triage.output.topic}}'), `the template reads the renamed node: ${general.prompt.text}`);
      expect(
        after.edges.some((e) => e.source === 'triage' && e.target === 'route'),
        'the edges follow the rename',
      );
      await page.locator('[data-testid=tab-problems]').click();
      await page.locator('.state-empty', { hasText: 'No problems' }).waitFor();
      await ctx.shot('rename-rewrites-references');
      await pressShortcut(page, 'Control+z');
      await page.locator('.react-flow__node[data-id="classify"]').waitFor();
      expectEqual(await currentFlow(page), before, 'one undo restores the id and every reference');
      expect(!(await page.locator('[data-testid=dirty]').count()), 'after undo the flow is unchanged');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'a broken CEL expression shows its error once in the inspector',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await selectNode(page, 'route');
      await page.locator('[data-testid=field-cases-0-expression]').fill('nodes.classify.output.topic ==');
      await page.waitForFunction(() => document.querySelector('[data-testid=node-route]')?.classList.contains('has-errors'));
      const errors = page.locator('[data-testid=node-inspector] .field-error');
      expectEqual(await errors.count(), 1, 'one error line in the inspector');
      expect(await page.locator('[data-testid=field-cases-0-expression-error]').isVisible(), 'the error sits under the expression');
    },
  },
  {
    name: 'checks the examples against the input declaration and shows the problems inline',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      const editor = page.locator('[data-testid=flow-examples]');
      const issues = page.locator('[data-testid=examples-issues] li');
      await editor.fill(JSON.stringify([{ name: 'no-question', input: { topic: 'billing' } }], null, 2));
      await issues.first().waitFor();
      const texts = await issues.allTextContents();
      expect(
        texts.some((t) => t.includes('no-question') && t.includes('"question" is required')),
        `the missing field is named: ${texts.join(' | ')}`,
      );
      expect(
        texts.some((t) => t.includes('unknown input field "topic"')),
        `the unknown field is named: ${texts.join(' | ')}`,
      );
      await ctx.shot('examples-issues');
      await editor.fill('[{ "name": "x", ');
      await page.locator('[data-testid=examples-issues] li', { hasText: 'not valid JSON' }).waitFor();
      await editor.fill(JSON.stringify([{ name: 'ok', input: { question: 'Hi?' } }], null, 2));
      await page.locator('[data-testid=examples-editor] .field-ok').waitFor();
      expectEqual(
        (await currentFlow(page)).examples,
        [{ name: 'ok', input: { question: 'Hi?' } }],
        'valid examples are stored in the flow',
      );
    },
  },
];
