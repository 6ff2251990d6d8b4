// weir eval run as a child process: the example evals offline under echo (deterministic table,
// JSON, Markdown, JUnit, results file, --fail-under) and against the fake provider with
// model-like answers, where the variants really differ.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { emailRules, evalWorkspace, supportRules } from './eval-helpers';
import { readJsonFile, weir, type LooseJson } from './helpers';

const stable = (report: LooseJson) =>
  report.variants.map((v: LooseJson) => [v.name, v.passed, v.items, v.interval, v.cost, v.tokens, v.fallbackRate]);

describe('weir eval run (echo, offline)', () => {
  const cwd = evalWorkspace();

  it('prints the comparison table with intervals, significance, cost and break-even, and writes the results file', async () => {
    const r = await weir(['eval', 'run', 'evals/support-x1000.eval.json', '--today', '2026-12-01'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('3 variant(s) × 15 item(s) = 45 run(s) (providers: default: echo');
    expect(r.stdout).toMatch(/^base\+prompt +\d+\/15 +\d+\.\d% +\d+\.\d%–\d+\.\d%/m);
    expect(r.stdout).toMatch(/^finetuned\+prompt +\d+\/15/m);
    expect(r.stdout).toContain('significance (McNemar exact test on the same items):');
    expect(r.stdout).toMatch(/base\+prompt vs finetuned: \d+ vs \d+ discordant, p = /);
    expect(r.stdout).toContain('technique comparison: base+prompt (prompt) vs finetuned (fine-tuned)');
    expect(r.stdout).toMatch(/training: 1,500,000 tokens × 3 epochs × \$3\/M = \$13\.50/);
    expect(r.stdout).toMatch(/break-even N\*: (never|[\d,]+ requests)/);
    expect(r.stdout).toContain('base model retires 2027-07-18 (229 days)');
    expect(r.stdout).toContain('were not graded (the judge is the offline echo provider)');
    const results = readJsonFile(join(cwd, 'evals', 'results', 'support-x1000.json'));
    expect(results.runs).toHaveLength(45);
    expect(results.report.dataset).toMatchObject({ name: 'support-x1000', split: 'test', items: 15 });
  });

  it('gives the same pass rates, intervals, tokens and costs on every run', async () => {
    const a = await weir(['eval', 'run', 'support-x1000', '--format', 'json', '--no-results'], { cwd });
    const b = await weir(['eval', 'run', 'support-x1000', '--format', 'json', '--no-results', '--concurrency', '1'], { cwd });
    const ra = JSON.parse(a.stdout);
    expect(ra.variants.map((v: LooseJson) => Object.keys(v))).toEqual(
      ra.variants.map(() => expect.arrayContaining(['name', 'passRate', 'interval'])),
    );
    expect(stable(ra)).toEqual(stable(JSON.parse(b.stdout)));
    expect(ra.comparison.prompt).toBe('base+prompt');
  });

  it('compares the vague and engineered email prompts: the deterministic check flips every item', async () => {
    const r = await weir(['eval', 'run', 'email-announcement', '--format', 'json', '--no-results'], { cwd });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.variants.map((v: LooseJson) => [v.name, v.passed, v.items])).toEqual([
      ['vague', 0, 6],
      ['engineered', 6, 6],
    ]);
    expect(report.pairs[0].mcnemar).toEqual({ b: 0, c: 6, pValue: 0.03125 });
    expect(report.pairs[0].significant).toBe(true);
    expect(report.pairwise[0]).toMatchObject({ a: 'engineered', b: 'vague', ungraded: 6, winRate: null });
  });

  it('writes Markdown and JUnit reports, and exits 1 under --fail-under', async () => {
    const md = await weir(['eval', 'run', 'email-announcement', '--format', 'md', '--no-results'], { cwd });
    expect(md.stdout).toContain('| variant | pass | rate | 95% CI |');
    expect(md.stdout).toMatch(/\| engineered \| 6\/6 \| 100\.0% \| 61\.0%–100\.0% \|/);
    const junit = await weir(['eval', 'run', 'email-announcement', '--format', 'junit', '--out', 'report.xml', '--no-results'], { cwd });
    expect(junit.stdout).toBe('');
    const xml = readFileSync(join(cwd, 'report.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="email-announcement/vague" tests="6" failures="6"');
    expect(xml).toContain('<failure message="names the feature: missing &quot;Personal Loan Calculator&quot;');
    const gate = await weir(['eval', 'run', 'email-announcement', '--fail-under', '80%', '--no-results'], { cwd });
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain('vague: pass rate 0.0% is under 80.0%');
    expect(
      (await weir(['eval', 'run', 'email-announcement', '--fail-under', '0.8', '--variant', 'engineered', '--no-results'], { cwd })).code,
    ).toBe(0);
  });

  it('refuses to run an eval whose dataset changed since its hash was pinned, or that names a missing node', async () => {
    const path = join(cwd, 'evals', 'broken.eval.json');
    const file = readJsonFile(join(cwd, 'evals', 'email-announcement.eval.json'));
    writeFileSync(
      path,
      JSON.stringify({
        ...file,
        dataset: { name: 'email-announcement', hash: 'deadbeef' },
        variants: [{ name: 'x', overrides: { ghost: { model: 'm' } } }],
      }),
    );
    const r = await weir(['eval', 'run', path], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\$\.dataset\.hash: the dataset's hash is [0-9a-f]{12}, not the pinned deadbeef/);
    expect(r.stderr).toContain('$.variants[0].overrides.ghost (node ghost): flow "email-announcement" has no node "ghost" [unknown_node]');
    expect(r.stderr).toContain('nothing ran');
    expect(existsSync(join(cwd, 'evals', 'results', 'broken.json'))).toBe(false);
  });
});

describe('weir eval run (fake provider, model-like answers)', () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());

  const env = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url });

  it('shows the fine-tune knowing a code the engineered prompt does not, graded by the judge', async () => {
    fake.reset();
    for (const [model, rules] of Object.entries(supportRules)) fake.addRules(model, rules);
    const r = await weir(['eval', 'run', 'support-x1000', '--format', 'json', '--no-results'], { cwd: evalWorkspace(), env: env() });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const byName = Object.fromEntries(report.variants.map((v: LooseJson) => [v.name, v]));
    // Shared failures: a generic answer to two general questions, and an answer naming only the first of two codes.
    expect(byName.finetuned.passed).toBe(12);
    expect(byName['finetuned+prompt'].passed).toBe(12);
    expect(byName['base+prompt'].passed).toBe(11);
    expect(byName['base+prompt'].ungradedChecks).toBe(0);
    const pair = report.pairs.find((p: LooseJson) => p.a === 'base+prompt' && p.b === 'finetuned');
    expect(pair.flipped).toEqual([{ itemId: 'e7-calibrate', passed: 'b' }]);
    expect(pair.mcnemar).toEqual({ b: 0, c: 1, pValue: 1 });
    expect(report.comparison.quality.significant).toBe(false);
    const e7 = report.items.find((i: LooseJson) => i.id === 'e7-calibrate');
    expect(e7.variants['base+prompt'].reasons[0]).toContain('agrees with the reference answer: (D)');
    expect(fake.requests('ft:gpt-4o-mini-2024-07-18:acme:x1000-support:9xK2pQ').length).toBe(2 * 9);
  });

  it('grades the email rubric and prefers the engineered prompt pairwise in both orders', async () => {
    fake.reset();
    for (const [model, rules] of Object.entries(emailRules)) fake.addRules(model, rules);
    const r = await weir(['eval', 'run', 'email-announcement', '--format', 'json', '--no-results'], { cwd: evalWorkspace(), env: env() });
    const report = JSON.parse(r.stdout);
    expect(report.variants.map((v: LooseJson) => [v.name, v.passed, v.score.mean])).toEqual([
      ['vague', 0, expect.closeTo(0.2, 6)],
      ['engineered', 6, expect.closeTo(0.9333, 3)],
    ]);
    expect(report.pairwise[0]).toMatchObject({ wins: { a: 6, b: 0, tie: 0 }, ungraded: 0, winRate: 1 });
    expect(report.judgeCostUsd).toBeGreaterThan(0);
  });
});
