// Saving: an unchanged flow is rewritten byte for byte; an invalid one is saved as a draft and
// the save says why it will not run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { openFlow, pressShortcut, selectNode } from './ui';

export const saveSpecs: Spec[] = [
  {
    name: 'opening and saving an unchanged flow rewrites its file byte for byte',
    run: async (ctx) => {
      const { page } = ctx;
      for (const id of ['support-x1000', 'health-explainer', 'email-announcement']) {
        await ctx.open(`/flows/${id}`);
        await openFlow(page, id);
        await page.click('[data-testid=save]');
        await page.locator('[data-testid=save-status]', { hasText: `flows/${id}.json` }).waitFor();
        const original = readFileSync(join(repoRoot, 'flows', `${id}.json`), 'utf8');
        const written = readFileSync(join(ctx.stack.flowsDir, `${id}.json`), 'utf8');
        expect(written === original, `${id}: the file is unchanged after open and save`);
      }
    },
  },
  {
    name: 'saves an invalid flow as a draft and says why it will not run',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/health-explainer');
      await openFlow(page, 'health-explainer');
      const original = readFileSync(join(ctx.stack.flowsDir, 'health-explainer.json'), 'utf8');
      const promptNode = (JSON.parse(original) as { nodes: { id: string; type: string }[] }).nodes.find((n) => n.type === 'prompt')!;
      await selectNode(page, promptNode.id);
      await page.click('[data-testid=prompt-mode-text]');
      await page.locator('[data-testid=prompt-text]').fill('{{#open}} a section that never closes');
      await page.locator('[data-testid=dirty]').waitFor();
      await pressShortcut(page, 'Control+s');
      const status = page.locator('[data-testid=save-status]');
      await status.waitFor();
      const text = (await status.textContent()) ?? '';
      expect(/draft/.test(text) && /will not run/.test(text), `the save says it is a draft and why: ${text}`);
      // The header stays short; the reasons are in a popover on the problem count, which opens the Problems tab.
      const count = page.locator('[data-testid=draft-problems]');
      await count.hover();
      const reasons = page.locator('#draft-reasons');
      await reasons.waitFor();
      expect(((await reasons.textContent()) ?? '').includes(promptNode.id), 'the popover names the node with the problem');
      await ctx.shot('draft-save');
      await count.click();
      await page.locator('[data-testid=problems-list] .problem').first().waitFor();
      const res = await fetch(`${ctx.stack.url}/v1/flows/health-explainer/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.stack.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input: {} }),
      });
      expect(res.status === 422, `running the draft answers 422, got ${res.status}`);
      await pressShortcut(page, 'Control+z');
      await pressShortcut(page, 'Control+s');
      await page.locator('[data-testid=save-status]', { hasText: 'Saved to' }).waitFor();
      expect(readFileSync(join(ctx.stack.flowsDir, 'health-explainer.json'), 'utf8') === original, 'undo and save restore the file');
    },
  },
];
