// Issue 10 in the editor: a fine-tuning job started from a dataset (the estimate shown before
// Start), watched to success with its loss curve and events, the model adopted into a draft of
// the fine-tuned node and published as v2; the registry-backed model picker; the trainer is the
// fake provider's fine-tuning API (TRAINERS set by run.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Ctx, type Spec } from '../harness';
import { repoRoot } from '../stack';
import { currentFlow, selectNode } from './ui';

const FLOW = 'support-x1000';
const NODE = 'specialist';
const BASE = 'gpt-4o-mini-2024-07-18';

export async function adminApi(ctx: Ctx, method: string, path: string, body?: unknown, raw?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${ctx.stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.stack.token}`, 'content-type': raw === undefined ? 'application/json' : 'application/jsonl' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  expect(res.status < 300, `${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The dataset in the worker (D1), as `weir dataset push` puts it. */
async function pushDataset(ctx: Ctx): Promise<void> {
  await adminApi(ctx, 'PUT', `/v1/datasets/${FLOW}`, undefined, readFileSync(join(repoRoot, 'datasets', `${FLOW}.jsonl`), 'utf8'));
}

/** Jobs on the base model run long enough to be watched: validating, queued, 8 running steps, finishing, succeeded. */
async function slowPlan(ctx: Ctx): Promise<void> {
  const res = await fetch(new URL('/__control/finetune/plan', ctx.stack.fakeUrl), {
    method: 'POST',
    body: JSON.stringify({ model: BASE, stages: ['queued', ...Array(8).fill('running'), 'finishing', 'succeeded'] }),
  });
  expect(res.ok, 'the fake takes the plan');
}

export const finetuneSpecs: Spec[] = [
  {
    name: 'starts a job from a dataset with the estimate shown first, watches it to success with a loss curve, adopts it into a draft and publishes v2',
    run: async (ctx) => {
      const { page } = ctx;
      await pushDataset(ctx);
      await slowPlan(ctx);
      // The flow as it is today is v1 (what production serves before the fine-tune).
      const before = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}/versions`)) as { latest: number };
      if (before.latest === 0) await adminApi(ctx, 'POST', `/v1/flows/${FLOW}/versions`, { note: 'before the fine-tune' });
      await ctx.open(`/finetunes/new?flow=${FLOW}&node=${NODE}`);
      await page.locator('[data-testid=new-job]').waitFor();
      await page.selectOption('[data-testid=job-dataset]', FLOW);
      await page.locator('[data-testid=dataset-splits]').waitFor();
      const splits = await page.textContent('[data-testid=dataset-splits]');
      expect(splits?.includes('12 train') && splits.includes('3 validation') && splits.includes('15 test'), `the splits: ${splits}`);
      expect((await page.inputValue('[data-testid=job-baseModel]')) === BASE, "the base model comes from the node's baseModel");
      expect((await page.inputValue('[data-testid=job-nodeId]')) === NODE, 'the target node is preselected');
      await page.fill('[data-testid=job-epochs]', '2');
      await page.fill('[data-testid=job-suffix]', 'x1000-browser');
      // Nothing can start before the estimate for exactly these inputs is shown.
      await page.waitForFunction(() => /\$\d/.test(document.querySelector('[data-testid=estimate-cost]')?.textContent ?? ''));
      const examples = await page.textContent('[data-testid=estimate-examples]');
      expect(examples?.includes('12 train, 3 validation'), `the estimate counts the examples: ${examples}`);
      expect(await page.isEnabled('[data-testid=start-job]'), 'Start is enabled once the estimate is shown');
      await ctx.shots('finetune-new');
      await page.fill('[data-testid=job-epochs]', '-1');
      expect(await page.isDisabled('[data-testid=start-job]'), 'a bad hyperparameter disables Start');
      await page.fill('[data-testid=job-epochs]', '2');
      await page.waitForFunction(() => !(document.querySelector('[data-testid=start-job]') as HTMLButtonElement).disabled);
      await page.click('[data-testid=start-job]');

      await page.locator('[data-testid=job-detail]').waitFor();
      const jobId = new URL(page.url()).pathname.split('/').pop()!;
      expect(jobId.startsWith('ftj_'), `the page is the job's: ${page.url()}`);
      await page.locator('[data-testid=job-detail][data-status=running]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid=loss-chart] .recharts-line-curve').first().waitFor({ timeout: 20_000 });
      await ctx.shots('finetune-running');
      await page.locator('[data-testid=job-detail][data-status=succeeded]').waitFor({ timeout: 60_000 });
      const points = Number(await page.getAttribute('[data-testid=loss-chart]', 'data-points'));
      expect(points >= 3, `the loss curve has a point per checkpoint: ${points}`);
      expect((await page.locator('[data-testid=loss-chart] .recharts-line-curve').count()) === 2, 'training and validation loss are drawn');
      const model = await page.textContent('[data-testid=result-model] .model-id');
      expect(model?.startsWith(`ft:${BASE}:`) && model.includes('x1000-browser'), `the resulting model: ${model}`);
      const events = await page.textContent('[data-testid=job-events]');
      expect(events?.toLowerCase().includes('succeeded'), `the events say it succeeded: ${events?.slice(0, 300)}`);
      await page.locator('[data-testid=registry-entry]').waitFor();
      // The three-way comparison starts by itself and shows each variant's pass rate when it ends.
      await page.locator('[data-testid=eval-summary]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid=eval-summary][data-status=done]').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid=variant-table]').waitFor();
      const variants = await page.locator('[data-testid=variant-table] tbody tr').allTextContents();
      expect(variants.length === 3, `three variants: ${variants.join(' | ')}`);
      for (const v of ['base+prompt', 'finetuned', 'finetuned+prompt'])
        expect(/\d+(\.\d)?%/.test((await page.textContent(`[data-testid="pass-${v}"]`)) ?? ''), `${v} has a pass rate`);
      await page.mouse.move(0, 0);
      await ctx.shots('finetune-succeeded');
      await page.locator('[data-testid=eval-summary]').scrollIntoViewIfNeeded();
      await ctx.shots('finetune-three-way');

      await page.click('text=← Fine-tunes');
      await page.locator(`[data-testid=job-row-${jobId}]`).waitFor();
      expect((await page.textContent(`[data-testid=job-row-${jobId}]`))?.includes('succeeded'), 'the list shows the job succeeded');
      expect((await page.textContent('[data-testid=registry-table]'))?.includes(model!), 'the registry lists the model');
      await ctx.shots('finetunes-list');

      // Adopt: confirmed, written into the node as a new draft, opened on the canvas, not published.
      await page.click(`[data-testid=job-row-${jobId}]`);
      await page.click('[data-testid=adopt]');
      await page.locator('[data-testid=adopt-dialog]').waitFor();
      await ctx.shots('finetune-adopt-dialog');
      await page.click('[data-testid=adopt-confirm]');
      await page.waitForURL(new RegExp(`/flows/${FLOW}\\?node=${NODE}`));
      await page.locator('[data-testid=node-inspector]').waitFor();
      expect((await page.inputValue('[data-testid=field-model]')) === model, 'the inspector shows the adopted model');
      expect((await currentFlow(page)).nodes.find((n) => n.id === NODE)!.data.model === model, 'the draft has the model');
      const versions = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}/versions`)) as { latest: number; labels: Record<string, number> };
      const served = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}/versions/${versions.latest}`)) as {
        flow: { nodes: { id: string; data: { model?: string } }[] };
      };
      expect(
        served.flow.nodes.find((n) => n.id === NODE)!.data.model !== model,
        'nothing was published: the latest version keeps its model',
      );
      await page.locator('[data-testid=finetune-panel]').waitFor();
      expect((await page.textContent('[data-testid=finetune-panel]'))?.includes('in use'), "the node's panel marks the job's model in use");
      await ctx.shots('finetune-adopted-canvas');

      // Publish the draft as the next version in Releases.
      await page.click('[data-testid=view-releases]');
      await page.fill('[data-testid=publish-note]', 'fine-tuned specialist');
      await page.click('[data-testid=publish]');
      const next = versions.latest + 1;
      await page.locator(`[data-testid=version-row-${next}]`).waitFor();
      const published = (await adminApi(ctx, 'GET', `/v1/flows/${FLOW}/versions/${next}`)) as {
        flow: { nodes: { id: string; data: { model?: string } }[] };
      };
      expect(published.flow.nodes.find((n) => n.id === NODE)!.data.model === model, `v${next} has the fine-tuned model`);
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: "offers the registry's models in a fine-tuned node's model field, keeps free text, and compares replacements for a retiring one",
    run: async (ctx) => {
      const { page } = ctx;
      await pushDataset(ctx);
      const model = `ft:${BASE}:acme:retiring:b1`;
      const listed = (await adminApi(ctx, 'GET', '/v1/models/registry')) as { models: { model: string }[] };
      if (!listed.models.some((m) => m.model === model))
        await adminApi(ctx, 'POST', '/v1/models/registry', {
          model,
          provider: 'default',
          baseModel: BASE,
          datasetName: FLOW,
          trainingCostUsd: 1.25,
          retiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
        });
      await ctx.open(`/flows/${FLOW}`);
      await selectNode(page, NODE);
      await page.locator('[data-testid=field-model-picker]').click();
      await page.locator(`[data-testid="registry-option-${model}"]`).waitFor();
      const option = await page.textContent(`[data-testid="registry-option-${model}"]`);
      expect(
        option?.includes('retires') && option.includes('$1.25') && option.includes(BASE),
        `the option says base, cost, retirement: ${option}`,
      );
      expect(
        (await page.locator('[data-testid=model-menu] [data-testid^=provider-option-]').count()) > 0,
        "the providers' models are offered too",
      );
      await ctx.shots('model-picker');
      await page.click(`[data-testid="registry-option-${model}"]`);
      expect((await currentFlow(page)).nodes.find((n) => n.id === NODE)!.data.model === model, 'picking sets the model');
      await page.locator('[data-testid=model-retirement]').waitFor();
      expect((await page.textContent('[data-testid=model-retirement]'))?.includes('within 30 days'), 'the field warns of the retirement');
      await page.fill('[data-testid=field-model]', 'ft:my-own:model');
      expect((await currentFlow(page)).nodes.find((n) => n.id === NODE)!.data.model === 'ft:my-own:model', 'free text stays possible');
      await page.fill('[data-testid=field-model]', model);

      // Replace retiring fine-tune: the draft is saved, candidates are evaluated on the node's dataset.
      await page.click('[data-testid=replace-open]');
      await page.click('[data-testid=replace-start]');
      await page.locator('[data-testid=replace-candidates]').waitFor({ timeout: 30_000 });
      const candidates = await page.textContent('[data-testid=replace-candidates]');
      expect(candidates?.startsWith('Suggested candidates:'), `candidates suggested from the provider: ${candidates}`);
      await page.locator('[data-testid=replace-retiring] [data-testid=eval-summary][data-status=done]').waitFor({ timeout: 180_000 });
      const rows = await page.locator('[data-testid=replace-retiring] [data-testid=variant-table] tbody tr').allTextContents();
      expect(rows.length >= 2 && rows.some((r) => r.startsWith('current')), `the current fine-tune is the baseline: ${rows.join(' | ')}`);
      expect((await page.textContent('[data-testid=replace-retiring]'))?.includes('Recommended'), 'a recommendation is shown');
      await page.locator('[data-testid=replace-retiring]').scrollIntoViewIfNeeded();
      await ctx.shots('replace-retiring');
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
  {
    name: 'cancels a running job from its page, and shows why a failed job failed',
    run: async (ctx) => {
      const { page } = ctx;
      await pushDataset(ctx);
      const start = async (baseModel: string, suffix: string) =>
        (
          (await adminApi(ctx, 'POST', '/v1/finetunes', { trainer: 'fake', baseModel, suffix, dataset: { name: FLOW } })) as {
            job: { id: string };
          }
        ).job.id;
      const slow = await start('fake-ft-slow-browser', 'slow');
      await ctx.open(`/finetunes/${slow}`);
      await page.locator('[data-testid=job-detail][data-status=running]').waitFor({ timeout: 30_000 });
      page.once('dialog', (d) => void d.accept());
      await page.click('[data-testid=cancel-job]');
      await page.locator('[data-testid=job-detail][data-status=cancelled]').waitFor({ timeout: 30_000 });
      expect((await page.locator('[data-testid=cancel-job]').count()) === 0, 'an ended job cannot be cancelled again');
      expect((await page.textContent('.job-steps'))?.includes('cancelled'), 'the progress ends in cancelled');

      const failing = await start('fake-ft-fail-browser', 'fails');
      await ctx.open(`/finetunes/${failing}`);
      await page.locator('[data-testid=job-detail][data-status=failed]').waitFor({ timeout: 30_000 });
      const why = await page.textContent('[data-testid=job-error]');
      expect(!!why && why.length > 10, `the page says why it failed: ${why}`);
      expect((await page.locator('[data-testid=adopt]').count()) === 0, 'a failed job has nothing to adopt');
      await ctx.shots('finetune-failed');
      await page.evaluate(() => (localStorage.setItem('weir.theme', 'dark'), window.dispatchEvent(new Event('weir:theme'))));
      await ctx.open('/finetunes');
      await page.locator(`[data-testid=job-row-${failing}]`).waitFor();
      await ctx.shots('finetunes-list-dark');
      await page.evaluate(() => localStorage.removeItem('weir.theme'));
      expect(ctx.errors.length === 0, `no console errors: ${ctx.errors.join('\n')}`);
    },
  },
];
