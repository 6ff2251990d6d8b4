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
  {
    name: 'the run panel runs the draft being edited, while the edge URL keeps serving the published version',
    run: async (ctx) => {
      const { page } = ctx;
      const admin = { authorization: `Bearer ${ctx.stack.token}`, 'content-type': 'application/json' };
      const api = (path: string, init: RequestInit = {}) => fetch(`${ctx.stack.url}${path}`, { ...init, headers: admin });
      const published = (await (await api('/v1/flows/email-announcement/versions', { method: 'POST', body: '{}' })).json()) as {
        version: number;
      };
      await api('/v1/flows/email-announcement/labels/production', { method: 'PUT', body: JSON.stringify({ version: published.version }) });

      await ctx.open('/flows/email-announcement');
      await openFlow(page, 'email-announcement');
      await selectNode(page, 'email');
      await page.locator('[data-testid=field-value]').fill('"EDITED DRAFT: " + nodes.draft.output');
      await pressShortcut(page, 'Control+s');
      await page.locator('[data-testid=save-status]', { hasText: 'Saved to' }).waitFor();
      await page.click('[data-testid=tab-run]');
      await page.locator('[data-testid=run-example]').selectOption({ label: 'existing-customers' });
      await page.click('[data-testid=run-button]');
      await page.locator('[data-testid=run-result][data-phase=done]').waitFor({ timeout: 30_000 });
      const shown = (await page.locator('[data-testid=run-output]').textContent()) ?? '';
      expect(shown.includes('EDITED DRAFT'), `the run panel ran the edited draft: ${shown.slice(0, 80)}`);

      const input = { audience: 'Existing customers', tone: 'friendly', cta: 'Try it' };
      const edge = await api('/v1/flows/email-announcement/run', { method: 'POST', body: JSON.stringify({ input }) });
      const answer = (await edge.json()) as { output: string };
      expect(edge.headers.get('weir-flow-version') === String(published.version), 'the edge URL serves the production version');
      expect(!answer.output.includes('EDITED DRAFT'), 'the edge URL does not serve the unpublished edit');

      await pressShortcut(page, 'Control+z');
      await pressShortcut(page, 'Control+s');
      await page.locator('[data-testid=save-status]', { hasText: 'Saved to' }).waitFor();
    },
  },
];
