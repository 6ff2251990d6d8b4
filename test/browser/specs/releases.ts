// Issue 11 point 7 and issue 7 defect 10: releases in the editor (publish with a note, versions
// with labels, a side-by-side semantic diff, label moves with confirmation, rollback) and the
// chip and run panel saying which version the edge URL serves and whether the draft differs.
import { expect, type Spec } from '../harness';
import { openFlow, pressShortcut } from './ui';

const FLOW = 'fallback-demo';

export const releaseSpecs: Spec[] = [
  {
    name: 'publishes, diffs side by side, releases and rolls back from the Releases view, and says what the URL serves',
    run: async (ctx) => {
      const { page, stack } = ctx;
      const api = async (path: string) =>
        (await (await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${stack.token}` } })).json()) as Record<
          string,
          unknown
        >;
      await ctx.open(`/flows/${FLOW}/releases`);
      await page.locator('[data-testid=releases]').waitFor();
      await page.locator('[data-testid=no-versions]').waitFor();
      expect(
        (await page.textContent('[data-testid=release-chip]'))?.includes('URL serves the draft'),
        'unpublished: the URL serves the draft',
      );
      await page.fill('[data-testid=publish-note]', 'first release');
      await page.click('[data-testid=publish]');
      await page.locator('[data-testid=version-row-1]').waitFor();
      expect((await page.textContent('[data-testid=version-row-1]'))?.includes('first release'), 'the note is listed');
      await page.waitForFunction(() => document.querySelector('[data-testid=release-chip]')?.textContent?.includes('v1 (latest) = draft'));

      // Change the draft on the canvas and save: the chip and the run panel say it differs.
      await page.click('[data-testid=view-canvas]');
      await openFlow(page, FLOW);
      await page.fill('[data-testid=flow-name]', 'Fallback, offline (v2)');
      await pressShortcut(page, 'Control+s');
      await page.waitForFunction(() => document.querySelector('[data-testid=release-chip]')?.textContent?.includes('draft differs'));
      await page.click('[data-testid=tab-run]');
      const serves = (await page.textContent('[data-testid=run-serves]')) ?? '';
      expect(serves.includes('serves version 1') && serves.includes('differs'), `the run panel says what the URL serves: ${serves}`);
      await ctx.shots('run-panel-serves');

      // Publish v2 with the draft, compare v1 with v2 side by side.
      await page.click('[data-testid=view-releases]');
      await page.fill('[data-testid=publish-note]', 'renamed');
      await page.click('[data-testid=publish]');
      await page.locator('[data-testid=version-row-2]').waitFor();
      await page.selectOption('[data-testid=diff-from]', '1');
      await page.selectOption('[data-testid=diff-to]', '2');
      await page.locator('[data-testid=diff-row]').first().waitFor();
      const row = (await page.locator('[data-testid=diff-row]').first().textContent()) ?? '';
      expect(row.includes('name') && row.includes('Fallback, offline') && row.includes('(v2)'), `the diff shows both sides: ${row}`);

      // Release v2 to production, with confirmation.
      await page.click('[data-testid=serve-2]');
      await page.locator('[role=dialog][data-testid=label-dialog]').waitFor();
      await ctx.shots('releases-confirm');
      await page.click('[data-testid=label-confirm]');
      await page.locator('[data-testid=version-row-2] [data-testid=label-production]').waitFor();
      expect(((await api(`/v1/flows/${FLOW}/versions`)).labels as Record<string, number>).production === 2, 'production points at 2');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid=release-chip]')?.textContent?.includes('v2 (production) = draft'),
      );

      // Roll back to v1: the dialog says so; cancel first, then confirm.
      await page.click('[data-testid=serve-1]');
      const text = (await page.textContent('[data-testid=label-confirm-text]')) ?? '';
      expect(text.includes('from version 2 to version 1'), `the confirmation names both versions: ${text}`);
      await page.keyboard.press('Escape');
      expect(((await api(`/v1/flows/${FLOW}/versions`)).labels as Record<string, number>).production === 2, 'cancel moves nothing');
      await page.click('[data-testid=serve-1]');
      await page.click('[data-testid=label-confirm]');
      await page.locator('[data-testid=version-row-1] [data-testid=label-production]').waitFor();
      expect(((await api(`/v1/flows/${FLOW}/versions`)).labels as Record<string, number>).production === 1, 'rolled back to 1');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid=release-chip]')?.textContent?.includes('v1 (production) · draft differs'),
      );
      const res = await fetch(`${stack.url}/v1/flows/${FLOW}/run`, {
        method: 'POST',
        headers: { authorization: 'Bearer browser-invoke', 'content-type': 'application/json' },
        body: JSON.stringify({ input: { question: 'hi' } }),
      });
      expect(res.headers.get('weir-flow-version') === '1', `the edge URL serves version 1 (${res.headers.get('weir-flow-version')})`);
      await ctx.shots('releases');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
