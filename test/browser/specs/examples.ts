// Every example flow opens without console errors, with all its nodes drawn and no problems.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { openFlow } from './ui';

const examples = readdirSync(join(repoRoot, 'flows'))
  .filter((f) => f.endsWith('.json') && f !== 'flow.schema.json')
  .map((f) => JSON.parse(readFileSync(join(repoRoot, 'flows', f), 'utf8')) as { id: string; nodes: unknown[] });

export const exampleSpecs: Spec[] = [
  {
    name: 'lists the flows and opens every example without console errors',
    run: async (ctx) => {
      const { page } = ctx;
      await ctx.open('/');
      await page.locator('[data-testid=flow-table]').waitFor();
      for (const f of examples) expect(await page.locator(`[data-testid=flow-row-${f.id}]`).count(), `${f.id} is listed`);
      await ctx.shot('flow-list');
      for (const f of examples) {
        await ctx.open(`/flows/${f.id}`);
        await openFlow(page, f.id);
        await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, f.nodes.length);
        await page.waitForTimeout(300);
        expect((await page.locator('.weir-node.has-errors').count()) === 0, `${f.id} shows no problems`);
        await ctx.shot(`flow-${f.id}`);
      }
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
