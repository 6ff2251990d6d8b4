// The Datasets page: a dataset's items in an editable table. Add, edit, tag in bulk, split with a
// seed and ratios (the same split as `weir dataset split`), save, and find it all after a reload,
// with the content hash shown; rows with problems say so and block the save. Then the issue's
// walk-through: promote five runs from the Runs panel into a dataset, split it and export it for
// fine-tuning with the test split left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataset } from '../../../worker/datasets/jsonl';
import { splitItems } from '../../../worker/datasets/split';
import { expect, expectEqual, type Ctx, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { openFlow } from './ui';

interface Stored {
  hash: string;
  items: { id: string; input?: Record<string, unknown>; expected?: unknown; tags?: string[]; split?: string; source?: { runId: string } }[];
}

const getDataset = async (ctx: Ctx, name: string): Promise<Stored> =>
  (await (
    await fetch(`${ctx.stack.url}/v1/datasets/${name}`, { headers: { authorization: `Bearer ${ctx.stack.token}` } })
  ).json()) as Stored;

/** Row keys are local to the page: find a row by its item id. */
const rowKey = async (ctx: Ctx, itemId: string) =>
  ((await ctx.page.locator(`[data-testid^=ds-row-][data-item="${itemId}"]`).getAttribute('data-testid')) ?? '').replace('ds-row-', '');

export const datasetTableSpecs: Spec[] = [
  {
    name: 'edits a dataset in the table: add, edit, tag, split with a seed, save, and it is all there after a reload',
    run: async (ctx) => {
      const { page, stack } = ctx;
      const name = `table-${Date.now().toString(36)}`;
      const text = readFileSync(join(repoRoot, 'datasets', 'support-x1000.jsonl'), 'utf8');
      const put = await fetch(`${stack.url}/v1/datasets/${name}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${stack.token}` },
        body: text,
      });
      expect(put.ok, `the copy of support-x1000 is stored: ${put.status}`);
      const before = await getDataset(ctx, name);

      await ctx.open('/datasets');
      await page.click(`[data-testid="ds-open-${name}"]`);
      await page.locator('[data-testid=dataset-table]').waitFor();
      expect(
        (await page.locator('[data-testid=ds-hash]').textContent()) === `hash ${before.hash.slice(0, 12)}`,
        'the content hash is shown',
      );
      expect((await page.locator('[data-testid^=ds-row-]').count()) === before.items.length, 'one row per item');
      await ctx.shots('dataset-table');

      // Add an item: a fresh id, its question and expected answer.
      await page.click('[data-testid=ds-add]');
      const added = page.locator('[data-testid^=ds-row-]').last();
      const key = ((await added.getAttribute('data-testid')) ?? '').replace('ds-row-', '');
      await page.fill(`[data-testid=ds-cell-id-${key}]`, 'e7-new-item');
      await page.fill(`[data-testid=ds-cell-input-question-${key}]`, 'What does E7 mean on the X1000?');
      await page.fill(`[data-testid=ds-cell-expected-${key}]`, 'E7 is a door sensor fault.');
      await page.fill(`[data-testid=ds-cell-note-${key}]`, 'added in the browser');
      await page.locator('[data-testid=ds-dirty]').waitFor();

      // A duplicate id is a problem on its row and blocks saving; fixing it clears it.
      await page.fill(`[data-testid=ds-cell-id-${key}]`, before.items[0].id);
      await page.locator(`[data-testid=ds-problems-${key}]`, { hasText: 'already used by row 1' }).waitFor();
      await page.click('[data-testid=ds-save]');
      await page.locator('[data-testid=ds-save-status]', { hasText: 'have problems' }).waitFor();
      await ctx.shot('dataset-table-row-problem');
      await page.fill(`[data-testid=ds-cell-id-${key}]`, 'e7-new-item');
      await page.locator(`[data-testid=ds-problems-${key}]`).waitFor({ state: 'detached' });

      // Edit an existing item's expected answer.
      const second = await rowKey(ctx, before.items[1].id);
      await page.fill(`[data-testid=ds-cell-expected-${second}]`, 'Edited: E5 is overheating protection.');

      // Tag two items at once.
      await page.click(`[data-testid=ds-select-${key}]`);
      await page.click(`[data-testid=ds-select-${second}]`);
      await page.fill('[data-testid=ds-tag-input]', 'reviewed');
      await page.click('[data-testid=ds-tag-add]');
      expect((await page.inputValue(`[data-testid=ds-cell-tags-${key}]`)) === 'reviewed', 'the new item is tagged');

      // Split every item with seed 7 and 70/15/15, as `weir dataset split --seed 7 --ratios 70/15/15` would.
      await page.fill('[data-testid=ds-split-seed]', '7');
      await page.fill('[data-testid=ds-split-ratios]', '70/15/15');
      const n = before.items.length + 1;
      await page.locator('[data-testid=ds-split-preview]', { hasText: '→' }).waitFor();
      await page.click('[data-testid=ds-split-apply]');
      await page.click('[data-testid=ds-save]');
      await page.locator('[data-testid=ds-save-status]', { hasText: 'Saved' }).waitFor();
      const after = await getDataset(ctx, name);
      expect(after.hash !== before.hash, 'saving changed the hash');
      expect((await page.locator('[data-testid=ds-hash]').textContent()) === `hash ${after.hash.slice(0, 12)}`, 'the new hash is shown');
      await ctx.shots('dataset-table-saved');

      // What the worker holds: the new item, the edit, the tags, and exactly the pure split.
      expect(after.items.length === n, `${n} items stored, got ${after.items.length}`);
      const item = after.items.find((i) => i.id === 'e7-new-item');
      expectEqual(
        item && { input: item.input, expected: item.expected, tags: item.tags },
        { input: { question: 'What does E7 mean on the X1000?' }, expected: 'E7 is a door sensor fault.', tags: ['reviewed'] },
        'the added item',
      );
      expect(after.items[1].expected === 'Edited: E5 is overheating protection.', 'the edit is stored');
      expectEqual(after.items[1].tags, [...(before.items[1].tags ?? []), 'reviewed'], 'tags were added, not replaced');
      const local = parseDataset(text).items;
      const expected = splitItems([...local, { id: 'e7-new-item', input: {} }], {
        seed: '7',
        ratios: { train: 0.7, validation: 0.15, test: 0.15 },
      });
      expectEqual(
        after.items.map((i) => [i.id, i.split]),
        expected.map((i) => [i.id, i.split]),
        'the stored split is the seeded split',
      );

      // After a reload it is all still there.
      await page.reload();
      await page.locator('[data-testid=dataset-table]').waitFor();
      const reloaded = await rowKey(ctx, 'e7-new-item');
      expect(reloaded !== '', 'the added item is there after a reload');
      expect((await page.inputValue(`[data-testid=ds-cell-tags-${reloaded}]`)) === 'reviewed', 'its tag too');
      expect(
        (await page.inputValue(`[data-testid=ds-cell-split-${reloaded}]`)) === expected.find((i) => i.id === 'e7-new-item')!.split,
        'and its split',
      );
      expect((await page.locator('[data-testid=ds-hash]').textContent()) === `hash ${after.hash.slice(0, 12)}`, 'and the hash');
      await page.emulateMedia({ colorScheme: 'dark' });
      await ctx.shots('dataset-table-dark');
      await page.emulateMedia({ colorScheme: 'light' });

      // Delete the added item: back to the original items (with the edits).
      await page.click(`[data-testid=ds-delete-${reloaded}]`);
      await page.click('[data-testid=ds-save]');
      await page.locator('[data-testid=ds-save-status]', { hasText: 'Saved' }).waitFor();
      expect((await getDataset(ctx, name)).items.length === n - 1, 'the item was deleted');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'promotes five runs from the Runs panel into a dataset and exports it for fine-tuning without the test split',
    run: async (ctx) => {
      const { page, stack } = ctx;
      const tag = `promo${Date.now().toString(36)}`;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${stack.url}/v1/flows/support-x1000/run`, {
          method: 'POST',
          headers: { authorization: 'Bearer browser-invoke', 'content-type': 'application/json' },
          body: JSON.stringify({ input: { question: `How do I fix E${i + 1} on the X1000? ${tag}` } }),
        });
        ids.push(((await res.json()) as { runId: string }).runId);
      }
      await ctx.open('/flows/support-x1000');
      await openFlow(page, 'support-x1000');
      await page.click('[data-testid=tab-runs]');
      await page.locator('[data-testid=runs-filter-text]').fill(tag);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=runs-table] tbody tr').length === 5);
      await page.click('[data-testid=runs-select-all]');
      await page.click('[data-testid=add-to-dataset-open]');
      await page.fill('[data-testid=add-to-dataset-name]', tag);
      await page.click('[data-testid=add-to-dataset-submit]');
      await page.locator('[data-testid=add-to-dataset-summary]', { hasText: `5 added to ${tag}` }).waitFor();

      // In the table: split 60/20/20 with a seed, save, export.
      await ctx.open(`/datasets/${tag}`);
      await page.locator('[data-testid=dataset-table]').waitFor();
      expect((await page.locator('[data-testid^=ds-row-]').count()) === 5, 'the five runs are five items');
      await page.fill('[data-testid=ds-split-seed]', 'weir');
      await page.fill('[data-testid=ds-split-ratios]', '60/20/20');
      await page.click('[data-testid=ds-split-apply]');
      await page.click('[data-testid=ds-save]');
      await page.locator('[data-testid=ds-save-status]', { hasText: 'Saved' }).waitFor();
      const stored = await getDataset(ctx, tag);
      expectEqual(
        stored.items.map((i) => i.split).sort(),
        ['test', 'train', 'train', 'train', 'validation'],
        'three train, one validation, one test',
      );
      const summary = (await page.locator('[data-testid=ds-export-summary]').textContent()) ?? '';
      expect(
        summary.startsWith('3 train') && summary.includes('1 validation') && summary.includes('left out: 1 test'),
        `export summary: ${summary}`,
      );
      await ctx.shots('dataset-export');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=ds-export-train]')]);
      const lines = readFileSync(await download.path(), 'utf8')
        .trim()
        .split('\n');
      expect(lines.length === 3, `three training examples, got ${lines.length}`);
      const test = stored.items.find((i) => i.split === 'test')!;
      const testQuestion = String(test.input?.question);
      expect(!lines.some((l) => l.includes(testQuestion)), 'the test item is not in the training file');
      for (const l of lines) {
        const roles = (JSON.parse(l) as { messages: { role: string }[] }).messages.map((m) => m.role);
        expect(roles[roles.length - 1] === 'assistant', `each example ends with the answer: ${roles.join(',')}`);
      }
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
