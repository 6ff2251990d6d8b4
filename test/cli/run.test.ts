// weir run as a child process with the offline echo provider and prompts from files: the trace,
// streamed tokens, the output, --json, input and prompt failures, and the shim under system Node.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../helpers/fake-openai';
import { systemNode, weir, workspace } from './helpers';

describe('weir run', () => {
  it('runs an example with the echo provider, printing the trace as it goes and the output', async () => {
    const r = await weir(['run', 'health-explainer', '--example', 'heart'], { cwd: workspace() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('running health-explainer (providers: default: echo');
    expect(r.stderr).toMatch(/^▸ topic \(condition\)$/m);
    expect(r.stderr).toMatch(/^✓ topic \(condition\) ok {2}\d+ms {2}→ heart/m);
    expect(r.stderr).toMatch(/^○ general \(prompt\) skipped$/m);
    expect(r.stderr).toMatch(/^ok in \d+ms · 1 model call\(s\) · \d+ in \/ \d+ out tokens$/m);
    const output = JSON.parse(r.stdout);
    expect(output.specialist).toBe(true);
    expect(output.answer).toMatch(/^\[echo ft:gpt-4o-mini-2024-07-18:acme:cardiology-explainer:7Qp1Zd\] What does high blood pressure/);
  });

  it('streams the answer tokens to stdout before the output and names the prompt versions it used', async () => {
    const r = await weir(['run', 'flows/email-announcement.json', '-e', 'existing-customers'], { cwd: workspace() });
    expect(r.code).toBe(0);
    const [streamed, ...rest] = r.stdout.split('\n');
    expect(streamed).toMatch(/^\[echo gpt-4o-mini\] Write an announcement email/);
    expect(JSON.parse(rest.join('\n'))).toBe(streamed);
    expect(r.stderr).toContain('prompts: email-announcement@production → v2');
  });

  it('prints the RunResult as JSON with --json', async () => {
    const r = await weir(['run', 'health-explainer', '-e', 'general', '--json'], { cwd: workspace() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout);
    expect(result.status).toBe('ok');
    expect(result.prompts).toEqual([{ ref: 'health-general@production', name: 'health-general', version: 1 }]);
    expect(result.trace.map((t: { nodeId: string; status: string }) => `${t.nodeId}:${t.status}`)).toContain('cardiology:skipped');
  });

  it('exits 1 naming the input path when --input does not match the declaration, and runs nothing', async () => {
    const r = await weir(['run', 'health-explainer', '--input', '{"question": 42, "extra": true}'], { cwd: workspace() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('input: $.input.question: "question" must be a string [invalid_input]');
    expect(r.stderr).toContain('input: $.input.extra: unknown input field "extra" (declared: question) [invalid_input]');
    expect(r.stderr).not.toContain('▸');
    expect(r.stdout).toBe('');
  });

  it('exits 2 for --input that is not JSON and for an unknown example', async () => {
    const cwd = workspace();
    const bad = await weir(['run', 'health-explainer', '--input', '{question'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^weir: --input is not valid JSON: /);
    const unknown = await weir(['run', 'health-explainer', '--example', 'nope'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('weir: flow "health-explainer" has no example "nope" (examples: heart, general)\n');
  });

  it('fails with exit 1 at the node whose prompt has no file', async () => {
    const cwd = workspace();
    rmSync(join(cwd, 'flows', 'prompts', 'health-general.json'));
    const r = await weir(['run', 'health-explainer', '-e', 'general'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^✗ general \(prompt\) failed .*\[prompt_not_found\] prompt "health-general" has no file/m);
    expect(r.stderr).toMatch(/^failed at node general: prompt "health-general" has no file .* \[prompt_not_found\]$/m);
  });

  it('exits 2 for a flow id that has no file', async () => {
    const r = await weir(['run', 'no-such-flow', '-e', 'x'], { cwd: workspace() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weir: no flow "no-such-flow": neither a file nor flows/no-such-flow.json\n');
  });

  it('works under the plain system Node too, not only the Node 22 npm puts first on PATH', async () => {
    const r = await weir(['run', 'health-explainer', '-e', 'general', '--json'], { cwd: workspace(), node: systemNode() });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).status).toBe('ok');
  });

  it('uses the provider settings in .dev.vars beside flows/, as npm start does, with the shell winning', async () => {
    const fake = await startFakeOpenAI();
    try {
      const dir = workspace();
      writeFileSync(join(dir, '.dev.vars'), `OPENAI_API_KEY=sk-from-dev-vars\nOPENAI_BASE_URL=${fake.url}\n`);
      const r = await weir(['run', 'health-explainer', '-e', 'general'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('default: openai');
      expect(r.stderr).toContain('OPENAI_API_KEY, OPENAI_BASE_URL from .dev.vars');
      expect(JSON.parse(r.stdout).answer).toMatch(/^fake answer from gpt-4o-mini/);
      const shell = await weir(['run', 'health-explainer', '-e', 'general'], { cwd: dir, env: { OPENAI_API_KEY: '', PROVIDERS: '' } });
      expect(shell.code, shell.stderr).toBe(0);
      expect(shell.stderr).toContain('default: echo');
    } finally {
      await fake.close();
    }
  });
});
