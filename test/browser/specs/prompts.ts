// The prompt manager: versions side by side with a diff, labels that move, the flows that use it.
import type { PromptDetail } from '../../../editor/src/api/types';
import { templateText } from '../../../editor/src/components/prompts/prompt-text';
import { lineDiff } from '../../../editor/src/state/line-diff';
import { expect, expectEqual, type Spec } from '../harness';

export const promptSpecs: Spec[] = [
  {
    name: 'shows prompt versions side by side, moves the staging label and lists the flows that use it',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ctx.open('/prompts/email-announcement');
      await page.locator('[data-testid=version-diff] .diff-row').first().waitFor();
      await page.locator('[data-testid=used-by] a').first().waitFor();
      await ctx.shot('prompts');
      // The rows are jsdiff's (lineDiff), changed words marked: the page shows the last two versions.
      const detail = (await (
        await fetch(`${stack.url}/v1/prompts/email-announcement`, { headers: { authorization: `Bearer ${stack.token}` } })
      ).json()) as PromptDetail;
      const [left, right] = [...detail.versions].sort((a, b) => a.version - b.version).slice(-2);
      const rows = lineDiff(templateText(left.template), templateText(right.template));
      const shown = await page
        .locator('[data-testid=version-diff] .diff-row')
        .evaluateAll((els) =>
          els.map((e) => [e.className.replace('diff-row diff-', ''), ...[...e.querySelectorAll('.diff-cell')].map((c) => c.textContent)]),
        );
      expectEqual(
        shown,
        rows.map((r) => [r.kind, r.left ?? '', r.right ?? '']),
        'the diff rows are the library output',
      );
      const marked = rows.flatMap((r) => [...(r.leftParts ?? []), ...(r.rightParts ?? [])].filter((p) => p.changed)).length;
      expectEqual(await page.locator('[data-testid=version-diff] mark.diff-word').count(), marked, 'changed words are marked');
      await page.locator('[data-testid=label-staging]').selectOption('1');
      await page.waitForFunction(() => (document.querySelector('[data-testid=label-staging]') as HTMLSelectElement).value === '1');
      const meta = (await (
        await fetch(`${stack.url}/v1/prompts/email-announcement`, { headers: { authorization: `Bearer ${stack.token}` } })
      ).json()) as { labels: Record<string, number> };
      expect(meta.labels.staging === 1, `staging now points at version 1: ${JSON.stringify(meta.labels)}`);
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
