// The prompt manager: versions side by side with a diff, labels that move, the flows that use it.
import { expect, type Spec } from '../harness';

export const promptSpecs: Spec[] = [
  {
    name: 'shows prompt versions side by side, moves the staging label and lists the flows that use it',
    run: async (ctx) => {
      const { page, stack } = ctx;
      await ctx.open('/prompts/email-announcement');
      await page.locator('[data-testid=version-diff] .diff-row').first().waitFor();
      await page.locator('[data-testid=used-by] a').first().waitFor();
      await ctx.shot('prompts');
      await page.locator('[data-testid=label-staging]').selectOption('1');
      await page.waitForFunction(() => (document.querySelector('[data-testid=label-staging]') as HTMLSelectElement).value === '1');
      const meta = (await (await fetch(`${stack.url}/v1/prompts/email-announcement`, { headers: { authorization: `Bearer ${stack.token}` } })).json()) as { labels: Record<string, number> };
      expect(meta.labels.staging === 1, `staging now points at version 1: ${JSON.stringify(meta.labels)}`);
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
