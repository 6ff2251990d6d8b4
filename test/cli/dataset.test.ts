// weir dataset import | split | export | info, and weir fmt / validate on datasets and evals, as
// child processes on a copy of the repository's files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalWorkspace } from './eval-helpers';
import { repoFileCount, weir } from './helpers';

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('weir dataset', () => {
  it('imports a CSV typed by the flow named like the dataset, canonical, and refuses duplicates unless --replace', async () => {
    const cwd = evalWorkspace();
    writeFileSync(join(cwd, 'more.csv'), 'id,question,expected,tags\nnew-1,"My X1000 says E9, what now?",Call support,x1000-technical\n');
    const r = await weir(['dataset', 'import', 'more.csv', '--into', 'support-x1000'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('imported 1 item into datasets/support-x1000.jsonl (31 items in all)\n');
    const last = readFileSync(join(cwd, 'datasets', 'support-x1000.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .at(-1);
    expect(last).toBe(
      '{"id":"new-1","input":{"question":"My X1000 says E9, what now?"},"expected":"Call support","tags":["x1000-technical"]}',
    );
    const again = await weir(['dataset', 'import', 'more.csv', '--into', 'support-x1000'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('item "new-1" is already in the dataset (use --replace)');
    expect((await weir(['dataset', 'import', 'more.csv', '--into', 'support-x1000', '--replace'], { cwd })).code).toBe(0);
  });

  it("checks imported inputs against the flow's declaration and writes nothing on a problem", async () => {
    const cwd = evalWorkspace();
    writeFileSync(join(cwd, 'bad.csv'), 'question,product\nhi,X1000\n');
    const r = await weir(['dataset', 'import', 'bad.csv', '--into', 'support-x1000'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown input field "product"/);
    expect(r.stderr).toContain('nothing was written');
    expect(lines(join(cwd, 'datasets', 'support-x1000.jsonl'))).toHaveLength(30);
  });

  it("imports a flow's examples into a new dataset", async () => {
    const cwd = evalWorkspace();
    const r = await weir(['dataset', 'import', 'flows/health-explainer.json'], { cwd });
    expect(r.code).toBe(0);
    expect(lines(join(cwd, 'datasets', 'health-explainer.jsonl')).map((i) => i.id)).toEqual(['heart', 'general']);
  });

  it('splits with a seed, the same way twice, and reports counts and the content hash', async () => {
    const cwd = evalWorkspace();
    const path = join(cwd, 'datasets', 'support-x1000.jsonl');
    const r = await weir(['dataset', 'split', 'support-x1000', '--seed', '11', '--ratios', '60/20/20'], { cwd });
    expect(r.stdout).toBe('datasets/support-x1000.jsonl: train 18, validation 6, test 6 (seed 11)\n');
    const first = readFileSync(path, 'utf8');
    await weir(['dataset', 'split', 'support-x1000', '--seed', '11', '--ratios', '60/20/20'], { cwd });
    expect(readFileSync(path, 'utf8')).toBe(first);
    const info = await weir(['dataset', 'info', 'support-x1000', '--json'], { cwd });
    expect(JSON.parse(info.stdout)).toMatchObject({
      items: 30,
      splits: { train: 18, validation: 6, test: 6, none: 0 },
      tags: { 'x1000-technical': 18 },
    });
    expect((await weir(['dataset', 'split', 'support-x1000', '--ratios', '1/2'], { cwd })).code).toBe(2);
  });

  it('exports fine-tuning files without the test split and with the training cost per epoch', async () => {
    const cwd = evalWorkspace();
    await weir(['dataset', 'split', 'support-x1000', '--seed', '1', '--ratios', '50/20/30'], { cwd });
    const r = await weir(
      ['dataset', 'export', 'support-x1000', '--format', 'openai-chat', '--base-model', 'gpt-4o-mini-2024-07-18', '--out', 'ft'],
      { cwd },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote ft\/support-x1000\.openai-chat\.train\.jsonl: 15 examples, ≈\d+ tokens$/m);
    expect(r.stdout).toMatch(/^wrote ft\/support-x1000\.openai-chat\.validation\.jsonl: 6 examples/m);
    expect(r.stdout).toContain('left out: 9 test item(s) (never exported for training)');
    expect(r.stdout).toMatch(/training gpt-4o-mini-2024-07-18: ≈\d+ tokens an epoch × 3 epochs at \$3\/M = \$0\.\d+ an epoch/);
    const exported = [
      ...lines(join(cwd, 'ft', 'support-x1000.openai-chat.train.jsonl')),
      ...lines(join(cwd, 'ft', 'support-x1000.openai-chat.validation.jsonl')),
    ];
    const testQuestions = lines(join(cwd, 'datasets', 'support-x1000.jsonl'))
      .filter((i) => i.split === 'test')
      .map((i) => i.input.question);
    expect(exported.some((e) => testQuestions.includes(e.messages[0].content))).toBe(false);
    expect(exported[0].messages.at(-1).role).toBe('assistant');
  });

  it("refuses to write files the provider would reject, naming the provider's rule", async () => {
    const cwd = evalWorkspace();
    await weir(['dataset', 'split', 'email-announcement', '--ratios', '100/0/0'], { cwd });
    const r = await weir(['dataset', 'export', 'email-announcement', '--format', 'openai-chat', '--out', 'ft'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the item has no expected answer to train on [missing_expected]');
    expect(r.stderr).toContain('openai needs at least 10 training examples; the train split has 0 [too_few_examples]');
    expect(existsSync(join(cwd, 'ft'))).toBe(false);
    expect((await weir(['dataset', 'export', 'email-announcement', '--format', 'nope'], { cwd })).code).toBe(2);
  });
});

describe('weir fmt and validate on datasets and evals', () => {
  it('checks datasets and evals by default with flows, and reports bad lines with their numbers', async () => {
    const cwd = evalWorkspace();
    const ok = await weir(['validate'], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${repoFileCount({ datasetsAndEvals: true })} files checked: 0 errors, 0 warnings`);
    writeFileSync(
      join(cwd, 'datasets', 'support-x1000.jsonl'),
      readFileSync(join(cwd, 'datasets', 'support-x1000.jsonl'), 'utf8') + '{"id":"e5-troubleshoot","input":{}}\n{oops\n',
    );
    const bad = await weir(['validate', 'datasets'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      'datasets/support-x1000.jsonl: line 31: $.id: item id "e5-troubleshoot" is already used on line 1 [duplicate_id]',
    );
    expect(bad.stdout).toMatch(/datasets\/support-x1000\.jsonl: line 32: \$: not valid JSON/);
  });

  it('validates eval references: unknown variants in the comparison, missing judges, bad regexes', async () => {
    const cwd = evalWorkspace();
    const path = join(cwd, 'evals', 'support-x1000.eval.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.judge = undefined;
    file.comparison.finetuned = 'nope';
    file.assert.push({ type: 'regex', value: '(a)\\1' }, { type: 'node', node: 'ghost', status: 'ok' });
    writeFileSync(path, JSON.stringify(file));
    const r = await weir(['validate', 'evals/support-x1000.eval.json'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('$.assert[0]: factuality needs a judge');
    expect(r.stdout).toContain('$.assert[1].value: ');
    expect(r.stdout).toContain('$.assert[2].node (node ghost): flow "support-x1000" has no node "ghost" [unknown_node]');
    expect(r.stdout).toContain('$.comparison.finetuned: no variant "nope" [unknown_variant]');
  });

  it('warns about dataset inputs that do not fit the flow named like the dataset, and checks item assertions in evals', async () => {
    const cwd = evalWorkspace();
    const ds = join(cwd, 'datasets', 'support-x1000.jsonl');
    writeFileSync(
      ds,
      readFileSync(ds, 'utf8')
        .replace('{"id":"e5-troubleshoot","input":{"question":', '{"id":"e5-troubleshoot","input":{"product":"X1000","question":')
        .replace('"assert":[{"type":"node"', '"assert":[{"type":"regex","value":"(x)\\\\1"},{"type":"node"'),
    );
    const r = await weir(['validate', 'datasets', 'evals'], { cwd });
    expect(r.stdout).toContain(
      'datasets/support-x1000.jsonl: warning item e5-troubleshoot: $.input.product: unknown input field "product"',
    );
    expect(r.stdout).toMatch(
      /evals\/support-x1000\.eval\.json: dataset item e5-troubleshoot: \$\.assert\[0\]\.value: .*\[invalid_assertion\]/,
    );
    expect(r.code).toBe(1);
  });

  it('formats datasets one canonical item a line and evals in schema order', async () => {
    const cwd = evalWorkspace();
    const ds = join(cwd, 'datasets', 'email-announcement.jsonl');
    const canonical = readFileSync(ds, 'utf8');
    const [first, ...rest] = canonical.trim().split('\n');
    const { id, input, tags } = JSON.parse(first);
    writeFileSync(ds, [JSON.stringify({ tags, input, id }, null, 1).replace(/\n/g, ''), ...rest].join('\n'));
    const check = await weir(['fmt', '--check'], { cwd });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('datasets/email-announcement.jsonl: not formatted');
    expect((await weir(['fmt', 'datasets'], { cwd })).code).toBe(0);
    expect(readFileSync(ds, 'utf8')).toBe(canonical);
    expect((await weir(['fmt', '--check', 'evals'], { cwd })).code).toBe(0);
  });
});
