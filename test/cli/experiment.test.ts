// `weir experiment` input checks that need no worker: arms, shadow and guardrail flags are
// refused with a usage error (exit 2) before any request; a worker that is not there is one line.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { weir, workspace } from './helpers';

const dir = workspace();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Nothing listens here (the port range reserved for this work), so no request can succeed.
const remote = ['--url', 'http://127.0.0.1:8893', '--token', 'x'];

describe('weir experiment create', () => {
  it('refuses an arm that is not name=ref:weight', async () => {
    const res = await weir(['experiment', 'create', 'e', '--flow', 'f', '--arm', 'v1=1', '--arm', 'v2=2:50', ...remote], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--arm is name=ref:weight');
  });

  it('needs a flow and at least two arms', async () => {
    const noFlow = await weir(['experiment', 'create', 'e', '--arm', 'a=1:1', '--arm', 'b=2:1', ...remote], { cwd: dir });
    expect(noFlow.code).toBe(2);
    expect(noFlow.stderr).toContain('--flow');
    const oneArm = await weir(['experiment', 'create', 'e', '--flow', 'f', '--arm', 'a=1:1', ...remote], { cwd: dir });
    expect(oneArm.code).toBe(2);
    expect(oneArm.stderr).toContain('at least two --arm');
  });

  it('refuses a malformed shadow and a non-numeric guardrail', async () => {
    const arms = ['--flow', 'f', '--arm', 'a=1:1', '--arm', 'b=2:1'];
    const shadow = await weir(['experiment', 'create', 'e', ...arms, '--shadow', '3', ...remote], { cwd: dir });
    expect(shadow.code).toBe(2);
    expect(shadow.stderr).toContain('--shadow is ref:sample');
    const rate = await weir(['experiment', 'create', 'e', ...arms, '--max-error-rate', 'high', ...remote], { cwd: dir });
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--max-error-rate must be a number');
  });

  it('refuses live-evaluation flags given alone or with an assertion that is not JSON', async () => {
    const arms = ['--flow', 'f', '--arm', 'a=1:1', '--arm', 'b=2:1'];
    const alone = await weir(['experiment', 'create', 'e', ...arms, '--eval-sample', '0.1', ...remote], { cwd: dir });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--eval-sample and --eval-assert go together');
    const notJson = await weir(['experiment', 'create', 'e', ...arms, '--eval-sample', '0.1', '--eval-assert', 'contains E5', ...remote], {
      cwd: dir,
    });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('--eval-assert is an assertion as JSON');
  });

  it('says in one line when the worker cannot be reached', async () => {
    const res = await weir(['experiment', 'list', ...remote], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('cannot reach the Weir worker at http://127.0.0.1:8893');
  });
});
