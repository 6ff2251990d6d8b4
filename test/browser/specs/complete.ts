// Issue 11 points 8-18 in the browser: prompts, pickers and the JSON Schema field, search and
// files, flow identity, failure offline, labels, keyboard, tabs and signing in.
import { readFileSync, existsSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Spec } from '../harness';
import { currentFlow, openFlow, pressShortcut, selectNode } from './ui';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export const completeSpecs: Spec[] = [
  {
    name: 'adds a prompt version editing every message, keeping temperature 0, with a preview from an example',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ctx.open('/prompts/support-classify');
      await page.locator('[data-testid=message-list]').waitFor();
      expect((await page.inputValue('[data-testid=message-role-0]')) === 'system', 'the system message is editable');
      expect((await page.inputValue('[data-testid=new-version-temperature]')) === '0', 'temperature 0 is kept from the current version');
      const system = page.locator('[data-testid=message-content-0]');
      await system.fill('You classify support questions. Answer in JSON only.');
      await page.fill('[data-testid=new-version-max-tokens]', '200');
      await page.fill('[data-testid=new-version-model]', 'gpt-4o-mini');
      await page.locator('[data-testid=preview-message]').nth(1).waitFor();
      const preview = (await page.locator('[data-testid=prompt-preview]').textContent()) ?? '';
      expect(preview.includes('E5') || preview.includes('charged'), `the preview renders a flow example's input: ${preview.slice(0, 200)}`);
      await ctx.shots('prompt-add-version');
      await page.fill('[data-testid=new-version-note]', 'stricter system message');
      await page.click('[data-testid=add-version-submit]');
      await page.waitForFunction(
        () =>
          !document.querySelector('[data-testid=new-version-note]') ||
          (document.querySelector('[data-testid=new-version-note]') as HTMLInputElement).value === '',
      );
      const detail = (await (await fetch(`${stack.url}/v1/prompts/support-classify`, { headers: auth(stack.token) })).json()) as {
        versions: {
          version: number;
          template: { messages: { role: string; content: string }[] };
          temperature?: number;
          maxTokens?: number;
          model?: string;
        }[];
      };
      const last = detail.versions.sort((a, b) => a.version - b.version).at(-1)!;
      expect(last.template.messages[0].content === 'You classify support questions. Answer in JSON only.', 'the system message was saved');
      expect(last.temperature === 0 && last.maxTokens === 200 && last.model === 'gpt-4o-mini', `settings saved: ${JSON.stringify(last)}`);
    },
  },
  {
    name: 'turns an inline template into a KV prompt and points the node at it',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await selectNode(page, 'general');
      await page.click('[data-testid=preview-prompt]');
      await page.locator('[data-testid=preview-message]').first().waitFor();
      expect(
        (await page.textContent('[data-testid=prompt-preview]'))?.includes('How do I troubleshoot error code E5'),
        'the node preview renders the example',
      );
      await page.click('[data-testid=to-kv-prompt]');
      await page.fill('[data-testid=to-kv-name]', 'general-answer');
      await page.click('[data-testid=to-kv-create]');
      await page.locator('[data-testid=prompt-resolved]').waitFor();
      const node = (await currentFlow(page)).nodes.find((n) => n.id === 'general')!;
      expect(
        JSON.stringify(node.data.prompt) === JSON.stringify({ ref: 'general-answer@production' }),
        `the node uses the KV prompt: ${JSON.stringify(node.data.prompt)}`,
      );
      const res = await fetch(`${stack.url}/v1/prompts/resolve?ref=general-answer@production`, { headers: auth(stack.token) });
      expect(res.ok, 'the prompt exists in KV');
      await ctx.shots('inspector-kv-prompt');
    },
  },
  {
    name: 'offers configured providers and known models, and edits a JSON Schema with a builder and live meta-schema errors',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await selectNode(page, 'detailed');
      await page.locator('[data-testid=field-provider] option', { hasText: 'echo (echo)' }).waitFor({ state: 'attached' });
      const providers = await page.locator('[data-testid=field-provider] option').allTextContents();
      expect(providers.some((p) => p.startsWith('echo')) && providers.some((p) => p.startsWith('default')), `providers: ${providers}`);
      const models = await page
        .locator('[data-testid=field-model-options] option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(models.includes('gpt-4o-mini') && models.includes('echo:fail-404'), `models: ${models.join(', ')}`);
      await page.selectOption('[data-testid=field-provider]', 'echo');
      expect((await currentFlow(page)).nodes.find((n) => n.id === 'detailed')!.data.provider === 'echo', 'the provider is set');

      await selectNode(page, 'classify');
      const builder = page.locator('[data-testid=field-responseFormat-schema-builder]');
      await builder.waitFor();
      expect((await page.inputValue('[data-testid=field-responseFormat-schema-name-0]')) === 'topic', 'the builder shows the fields');
      expect(
        (await page.inputValue('[data-testid=field-responseFormat-schema-enum-0]')).startsWith('technical, billing'),
        'with their enums',
      );
      await page.click('[data-testid=field-responseFormat-schema-add]');
      const schema = () =>
        currentFlow(page).then(
          (f) => (f.nodes.find((n) => n.id === 'classify')!.data.responseFormat as { schema: { properties: object } }).schema,
        );
      expect(Object.keys((await schema()).properties).includes('field4'), 'a field added in the builder is in the schema');
      await ctx.shots('inspector-schema-builder');
      await page.click('[data-testid=field-responseFormat-schema-mode-json]');
      await page.fill('[data-testid=field-responseFormat-schema]', '{"type": "objekt"}');
      const err = page.locator('[data-testid=field-responseFormat-schema-meta-error]').first();
      await err.waitFor();
      expect((await err.textContent())?.includes('type must be one of'), 'the meta-schema error names the problem');
      await ctx.shots('inspector-schema-error');
      await page.click('[data-testid=field-responseFormat-schema-example]');
      await page.click('[data-testid=field-responseFormat-schema-mode-builder]');
      await builder.waitFor();
    },
  },
  {
    name: 'shows a fallback offline with the echo failure model',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/fallback-demo');
      await openFlow(page, 'fallback-demo');
      await page.click('[data-testid=tab-run]');
      await page.click('[data-testid=run-button]');
      await page.locator('[data-testid=run-result][data-phase=done]').waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=node-specialist]')?.classList.contains('run-fell_back'));
      const card = (await page.textContent('[data-testid=node-run-specialist]')) ?? '';
      expect(card.includes('provider_model_not_found'), `the card says why it fell back: ${card}`);
      expect((await page.textContent('[data-testid=run-output]'))?.includes('[echo gpt-4o-mini]'), 'the base model answered');
      await ctx.shots('canvas-fallback');
    },
  },
  {
    name: 'searches the flow list, exports and imports a flow file, and renames a flow to a new id with a warning',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ctx.open('/');
      await page.locator('[data-testid=flow-table]').waitFor();
      await page.fill('[data-testid=flow-search]', 'cardio');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid^=flow-row-]').length === 1);
      expect(await page.locator('[data-testid=flow-row-health-explainer]').isVisible(), 'search finds the flow by its description');
      await page.fill('[data-testid=flow-search]', '');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-email-announcement]')]);
      const scratch = mkdtempSync(join(tmpdir(), 'weir-export-'));
      const file = join(scratch, 'email.json');
      await download.saveAs(file);
      const exported = readFileSync(file, 'utf8');
      expect(download.suggestedFilename() === 'email-announcement.json', 'the file is named after the flow');
      expect(exported === readFileSync(join(stack.flowsDir, 'email-announcement.json'), 'utf8'), 'the export is the canonical file');
      const imported = join(scratch, 'imported-email.json');
      writeFileSync(
        imported,
        exported.replace('"id": "email-announcement"', '"id": "imported-email"').replace('"name": "', '"name": "Imported '),
      );
      await page.setInputFiles('[data-testid=import-file]', imported);
      rmSync(scratch, { recursive: true, force: true });
      await page.locator('[data-testid=flow-notice]').waitFor();
      await page.locator('[data-testid=flow-row-imported-email]').waitFor();
      await ctx.shots('flow-list');
      await page.click('[data-testid=rename-imported-email]');
      await page.fill('[data-testid=rename-input]', 'Moved email');
      await page.check('[data-testid=rename-id]');
      const warning = (await page.textContent('[data-testid=rename-id-warning]')) ?? '';
      expect(warning.includes('/v1/flows/moved-email/run') && warning.includes('404'), `the warning says what moves: ${warning}`);
      await ctx.shots('flow-list-rename-id');
      await page.click('[data-testid=rename-save]');
      await page.locator('[data-testid=flow-row-moved-email]').waitFor();
      expect(!(await page.locator('[data-testid=flow-row-imported-email]').count()), 'the old id is gone');
      expect((await fetch(`${stack.url}/v1/flows/imported-email`, { headers: auth(stack.token) })).status === 404, 'the old URL is 404');
      expect(
        existsSync(join(stack.flowsDir, 'moved-email.json')) && !existsSync(join(stack.flowsDir, 'imported-email.json')),
        'the file moved',
      );
    },
  },
  {
    name: 'keeps the last change time when an unchanged flow is saved',
    run: async (ctx) => {
      const { page, stack } = ctx;
      const updatedAt = async () =>
        ((await (await fetch(`${stack.url}/v1/flows/health-explainer`, { headers: auth(stack.token) })).json()) as { updatedAt: string })
          .updatedAt;
      await ctx.open('/flows/health-explainer');
      await openFlow(page, 'health-explainer');
      await pressShortcut(page, 'Control+s');
      await page.locator('[data-testid=save-status]').waitFor();
      const first = await updatedAt();
      await page.waitForTimeout(50);
      await pressShortcut(page, 'Control+s');
      await page.waitForTimeout(500);
      expect((await updatedAt()) === first, 'an unchanged save keeps updatedAt');
    },
  },
  {
    name: 'finds a node with Ctrl+K and Ctrl+F, and lists the shortcuts in a dialog from ? and a focusable button',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000', { fit: false });
      await pressShortcut(page, 'Control+k');
      await page.locator('[role=dialog][data-testid=find-node]').waitFor();
      await page.keyboard.type('detailed');
      await ctx.shots('find-node');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (document.querySelector('[data-testid=node-id]') as HTMLInputElement | null)?.value === 'detailed');
      await page.waitForTimeout(400);
      const pane = (await page.locator('.react-flow').boundingBox())!;
      const node = (await page.locator('.react-flow__node[data-id="detailed"]').boundingBox())!;
      expect(node.x >= pane.x && node.x + node.width <= pane.x + pane.width, 'the found node is in view');
      await pressShortcut(page, 'Control+f');
      await page.locator('[data-testid=find-node]').waitFor();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('[data-testid=find-node]'));
      await pressShortcut(page, '?');
      await page.locator('[role=dialog][data-testid=shortcuts-dialog]').waitFor();
      expect((await page.textContent('[data-testid=shortcuts-dialog]'))?.includes('find a node'), 'the dialog lists the shortcuts');
      await ctx.shots('shortcuts-dialog');
      await page.keyboard.press('Escape');
      await page.focus('[data-testid=shortcuts]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=shortcuts-dialog]').waitFor();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('[role=dialog]'));
      // Adding a node from the keyboard: focus a palette item, Enter.
      const before = (await currentFlow(page)).nodes.length;
      await page.focus('[data-testid=palette-output]');
      await page.keyboard.press('Enter');
      await page
        .waitForFunction((n) => window.__weir!.flow().nodes.length === n + 1, before, { timeout: 3000 })
        .catch(async (err: Error) => {
          throw new Error(
            `${err.message}; url ${page.url()}; nodes ${(await currentFlow(page)).nodes.length} (before ${before}); focused ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`,
          );
        });
      // Moving a node from the keyboard: focus it, arrows move it, one undo step puts it back.
      const xOf = async (id: string) => (await currentFlow(page)).nodes.find((n) => n.id === id)!.position.x;
      const x0 = await xOf('classify');
      await page.focus('.react-flow__node[data-id="classify"]');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((x) => window.__weir!.flow().nodes.find((n) => n.id === 'classify')!.position.x > x, x0);
      const x1 = await xOf('classify');
      await pressShortcut(page, 'Control+z');
      await page
        .waitForFunction((x) => window.__weir!.flow().nodes.find((n) => n.id === 'classify')!.position.x === x, x0, { timeout: 3000 })
        .catch(async () => {
          throw new Error(
            `undo: x0 ${x0}, moved ${x1}, after undo ${await xOf('classify')}, undo enabled ${await page.isEnabled('[data-testid=undo]')}`,
          );
        });
      // Wiring from the keyboard: a template added with Enter, connected to the output in the inspector.
      await page.focus('[data-testid=palette-template]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=connect-target]').waitFor();
      const added = await page.inputValue('[data-testid=node-id]');
      await page.focus('[data-testid=connect-target]');
      await page.selectOption('[data-testid=connect-target]', 'answer');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => window.__weir!.flow().edges.some((e) => e.source === id && e.target === 'answer'), added);
    },
  },
  {
    name: 'labels every inspector field with a real label for, and a node click leaves the Problems tab for its inspector',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await selectNode(page, 'general');
      const labels = await page
        .locator('[data-testid=node-inspector] .field-label')
        .evaluateAll((ls) =>
          ls.map((l) => ({ tag: l.tagName, for: (l as HTMLLabelElement).htmlFor, ok: !!(l as HTMLLabelElement).control })),
        );
      expect(labels.length >= 5, `fields found: ${labels.length}`);
      for (const l of labels) expect(l.tag === 'LABEL' && l.for && l.ok, `a label for an existing control: ${JSON.stringify(l)}`);
      await page.locator('[data-testid=node-inspector] label', { hasText: 'Temperature' }).click();
      expect(
        await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'field-temperature'),
        'clicking the label focuses its control',
      );
      await page.click('[data-testid=tab-problems]');
      await ctx.shots('problems-tab');
      await page.locator('.react-flow__node[data-id="classify"] .weir-node-id').click();
      await page.waitForFunction(() => (document.querySelector('[data-testid=node-id]') as HTMLInputElement | null)?.value === 'classify');
      expect((await page.getAttribute('[data-testid=tab-inspect]', 'aria-selected')) === 'true', 'the inspector tab is shown');
    },
  },
  {
    name: 'signs in when a sign-in link is pasted into a tab that shows the sign-in page',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await page.goto(`${stack.url}/`);
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${stack.url}/`);
      await page.locator('[data-testid=token-input]').waitFor();
      await ctx.shots('sign-in');
      await page.goto(`${stack.url}/#token=${stack.token}`);
      await page.locator('[data-testid=flow-table]').waitFor();
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${stack.url}/`);
      await page.fill('[data-testid=token-input]', `${stack.url}/#token=${stack.token}`);
      await page.keyboard.press('Enter');
      await page.locator('[data-testid=flow-table]').waitFor();
    },
  },
];
