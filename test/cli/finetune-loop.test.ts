// `weir finetune start | adopt | replace` input checks that need no worker: usage mistakes are
// refused with exit 2 before any request, and an unreachable worker is one line with exit 1.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { weir, workspace } from './helpers';

const dir = workspace();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Nothing listens here, so no request can succeed.
const remote = ['--url', 'http://127.0.0.1:8893', '--token', 'x'];

describe('weir finetune for a flow node', () => {
  it('start needs training files or a dataset, and --flow with --node', async () => {
    const neither = await weir(['finetune', 'start', '--trainer', 't', '--model', 'm', ...remote], { cwd: dir });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--dataset <name>');
    const half = await weir(['finetune', 'validate', '--trainer', 't', '--model', 'm', '--dataset', 'd', '--flow', 'f', ...remote], {
      cwd: dir,
    });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--flow and --node go together');
  });

  it('adopt refuses --node without --flow, and says in one line when the worker cannot be reached', async () => {
    const node = await weir(['finetune', 'adopt', 'ftj_x', '--node', 'n', ...remote], { cwd: dir });
    expect(node.code).toBe(2);
    expect(node.stderr).toContain('--node needs --flow');
    const down = await weir(['finetune', 'adopt', 'ftj_x', ...remote], { cwd: dir });
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('replace needs --flow and --node, a known format and both re-train flags', async () => {
    expect((await weir(['finetune', 'replace', '--flow', 'f', ...remote], { cwd: dir })).code).toBe(2);
    const format = await weir(['finetune', 'replace', '--flow', 'f', '--node', 'n', '--format', 'junit', ...remote], { cwd: dir });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format is one of table, json, md');
    const retrain = await weir(['finetune', 'replace', '--flow', 'f', '--node', 'n', '--retrain-trainer', 't', ...remote], { cwd: dir });
    expect(retrain.code).toBe(2);
    expect(retrain.stderr).toContain('--retrain-trainer and --retrain-model go together');
  });
});
