// `weir dataset pull | push | from-runs` where they fail before or without a worker: usage
// mistakes, a file with problems (nothing sent), an unreachable worker. The happy paths run against
// a real `wrangler dev` in test/e2e/datasets.test.ts.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weir, workspace } from './helpers';

let dir: string;
// Nothing listens here: a request would fail with "cannot reach".
const url = 'http://127.0.0.1:9';

beforeAll(() => {
  dir = workspace();
  mkdirSync(join(dir, 'datasets'));
  writeFileSync(
    join(dir, 'datasets', 'broken.jsonl'),
    '{"id":"a","input":{}}\n{"id":"a","input":{}}\n{"id":"b","split":"holdout","input":{}}\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('weir dataset pull | push | from-runs without a worker', () => {
  it('refuses to push a dataset with problems, listing each with its line, and sends nothing', async () => {
    const r = await weir(['dataset', 'push', 'broken', '--url', url, '--token', 't'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2: $.id');
    expect(r.stderr).toContain('line 3: $.split');
    expect(r.stderr).toContain('nothing was pushed');
    expect(r.stderr).not.toContain('cannot reach');
  });

  it('needs either run ids or a filter for from-runs, not both', async () => {
    const none = await weir(['dataset', 'from-runs', 'x', '--url', url], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give --runs <ids> or at least one filter');
    const both = await weir(['dataset', 'from-runs', 'x', '--runs', 'a', '--thumbs', 'down', '--url', url], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
  });

  it('says clearly when the worker cannot be reached', async () => {
    const r = await weir(['dataset', 'pull', '--url', url, '--token', 't'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot reach the Weir worker at ${url}`);
  });
});
