// Issue 10 in the editor: the Experiments view. A 50/50 sticky experiment of v1 against v2 of the
// fine-tuned flow is created and started in the panel; the test sends traffic and user feedback
// the way a client does (fetch with the invoke key and a Weir-Subject), the per-arm numbers and
// charts update while the panel is open, and the winner is promoted with a confirmation.
import { expect, type Ctx, type Spec } from '../harness';
import { adminApi } from './finetunes';

const FLOW = 'support-x1000';

/** v1 and v2 exist (the fine-tunes spec publishes them; alone, this spec publishes them itself). */
async function twoVersions(ctx: Ctx): Promise<void> {
  let { latest } = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}/versions`)) as { latest: number };
  while (latest < 2) {
    const { flow } = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}`)) as { flow: { description?: string } };
    await adminApi(ctx, 'PUT', `/v1/flows/${FLOW}`, { ...flow, description: `${flow.description ?? ''} (v${latest + 1})` });
    await adminApi(ctx, 'POST', `/v1/flows/${FLOW}/versions`, { note: `v${latest + 1} for the experiment` });
    latest++;
  }
  await adminApi(ctx, 'PUT', `/v1/flows/${FLOW}/labels/production`, { version: 1 });
}

/** What `curl -H "authorization: Bearer $KEY" -H "weir-subject: $USER" -d '{"input": ...}'` does. */
async function ask(ctx: Ctx, subject: string): Promise<{ arm: string | null; runId: string; status: number }> {
  const res = await fetch(`${ctx.stack.url}/v1/flows/${FLOW}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.stack.invokeKey}`, 'content-type': 'application/json', 'weir-subject': subject },
    body: JSON.stringify({ input: { question: 'My X1000 shows E5 every afternoon. What should I do?' } }),
  });
  const body = (await res.json()) as { runId: string };
  return { arm: res.headers.get('weir-experiment-arm'), runId: body.runId, status: res.status };
}

/** Feedback through the API with the invoke key that made the run; the run is written just after the answer. */
async function feedback(ctx: Ctx, runId: string, thumbs: 'up' | 'down'): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${ctx.stack.url}/v1/runs/${runId}/feedback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.stack.invokeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ thumbs }),
    });
    if (res.status < 300) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`feedback on ${runId} was never accepted`);
}

const runsOf = async (ctx: Ctx, arm: string) => Number((await ctx.page.textContent(`[data-testid=runs-${arm}]`)) ?? 0);

export const experimentSpecs: Spec[] = [
  {
    name: 'creates a 50/50 experiment of v1 against v2, shows live per-arm numbers and charts as traffic arrives, and promotes the winner',
    run: async (ctx) => {
      const { page } = ctx;
      await twoVersions(ctx);
      await ctx.open(`/flows/${FLOW}/experiments`);
      await page.locator('[data-testid=experiment-form]').waitFor();
      await page.fill('[data-testid=exp-id]', 'prompt-vs-ft');
      await page.selectOption('[data-testid=arm-ref-0]', '1');
      await page.selectOption('[data-testid=arm-ref-1]', '2');
      await page.fill('[data-testid=arm-weight-0]', '50');
      await page.fill('[data-testid=arm-weight-1]', '50');
      await page.fill('[data-testid=exp-min-samples]', '10');
      expect((await page.textContent('[data-testid=arm-row-0]'))?.includes('50%'), 'the share is shown');
      // Assertions on every live run, prefilled from the flow's eval with the checks that need no expected answer.
      await page.check('[data-testid=exp-evaluate]');
      await page.waitForFunction(() =>
        ((document.querySelector('#exp-eval-assertions') as HTMLTextAreaElement)?.value ?? '').includes('"type"'),
      );
      await page.fill('#exp-eval-sample', '100');
      await ctx.shots('experiment-new');
      await page.click('[data-testid=exp-create-start]');
      await page.locator('[data-testid=experiment-detail][data-status=running]').waitFor();
      expect((await page.textContent('[data-testid=exp-item-prompt-vs-ft]'))?.includes('running'), 'the list shows it running');

      // Traffic: the run path sees the experiment within its 5 s cache.
      for (let i = 0; i < 40; i++) {
        const probe = await ask(ctx, 'probe');
        expect(probe.status === 200, `the flow answers: ${probe.status}`);
        if (probe.arm) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const seen = new Map<string, string>();
      for (let i = 0; i < 40; i++) {
        const first = await ask(ctx, `user-${i}`);
        const again = await ask(ctx, `user-${i}`);
        expect(first.arm !== null && again.arm === first.arm, `user-${i} keeps arm ${first.arm} (got ${again.arm})`);
        seen.set(`user-${i}`, first.arm!);
        // Users like v2's answers and are split on v1's.
        await feedback(ctx, first.runId, first.arm === 'v2' || i % 2 === 0 ? 'up' : 'down');
        if (i === 10) {
          // Mid-traffic the panel has already moved without a reload.
          await page.waitForFunction(() => Number(document.querySelector('[data-testid=runs-v1]')?.textContent ?? 0) > 0);
        }
      }
      const v1 = [...seen.values()].filter((a) => a === 'v1').length;
      expect(v1 > 5 && v1 < 35, `a 50/50 split: ${v1} of 40 subjects on v1`);
      await page.waitForFunction(
        () =>
          Number(document.querySelector('[data-testid=runs-v1]')?.textContent ?? 0) +
            Number(document.querySelector('[data-testid=runs-v2]')?.textContent ?? 0) >=
          81,
        undefined,
        { timeout: 20_000 },
      );
      expect((await runsOf(ctx, 'v1')) > 0 && (await runsOf(ctx, 'v2')) > 0, 'both arms have runs');
      expect((await page.textContent('[data-testid=thumbs-v2]'))?.startsWith('100%'), 'every v2 answer got a thumbs up');
      await page.waitForFunction(() => /\d%/.test(document.querySelector('[data-testid=eval-pass-v2]')?.textContent ?? ''), undefined, {
        timeout: 20_000,
      });
      const points = Number(await page.getAttribute('[data-testid=traffic-chart]', 'data-points'));
      expect(points >= 2, `the traffic chart grew while the panel was open: ${points} points`);
      expect((await page.locator('[data-testid=rates-chart] .recharts-bar-rectangle').count()) > 0, 'the rates chart has bars');
      await page.mouse.move(0, 0);
      await ctx.shots('experiment-live');
      await page.evaluate(() => (localStorage.setItem('weir.theme', 'dark'), window.dispatchEvent(new Event('weir:theme'))));
      await page.waitForTimeout(300);
      await ctx.shots('experiment-live-dark');
      await page.evaluate(() => (localStorage.removeItem('weir.theme'), window.dispatchEvent(new Event('weir:theme'))));

      // New weights (compare-and-set on the experiment's version), then Stop: traffic is back on the label.
      await page.fill('[data-testid=weight-v1]', '30');
      await page.fill('[data-testid=weight-v2]', '70');
      await page.click('[data-testid=save-weights]');
      await page.waitForFunction(() =>
        document.querySelector('[data-testid=exp-item-prompt-vs-ft]')?.textContent?.includes('v1 30 · v2 70'),
      );
      const weighted = (await adminApi(ctx, 'GET', '/v1/experiments/prompt-vs-ft')) as { arms: { weight: number }[] };
      expect(weighted.arms.map((a) => a.weight).join() === '30,70', `the weights are stored: ${JSON.stringify(weighted.arms)}`);
      await page.click('[data-testid=exp-stop]');
      await page.locator('[data-testid=experiment-detail][data-status=stopped]').waitFor();

      // Promote, confirmed: production moves to v2 and the experiment ends.
      await page.click('[data-testid=exp-promote]');
      await page.locator('[data-testid=promote-dialog]').waitFor();
      const rec = await page.textContent('[data-testid=recommendation]');
      expect(rec?.includes('v2'), `the dialog recommends v2: ${rec}`);
      await ctx.shots('experiment-promote');
      await page.check('[data-testid=promote-v2]');
      await page.click('[data-testid=promote-confirm]');
      await page.locator('[data-testid=experiment-detail][data-status=promoted]').waitFor();
      expect((await page.textContent('[data-testid=exp-message]'))?.includes('production is now version 2'), 'the panel says what moved');
      const versions = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}/versions`)) as { labels: Record<string, number> };
      expect(versions.labels.production === 2, `production is v2: ${JSON.stringify(versions.labels)}`);
      const after = (await adminApi(ctx, 'GET', '/v1/experiments/prompt-vs-ft')) as { status: string; promotedArm: string };
      expect(after.status === 'promoted' && after.promotedArm === 'v2', `the experiment ended promoted: ${JSON.stringify(after)}`);
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
