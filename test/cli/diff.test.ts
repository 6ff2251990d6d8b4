// weir diff as a child process: two files, a file against a git revision in a temp repository,
// --json, --exit-code, and one-line errors.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile, weir, workspace, writeJsonFile } from './helpers';

/** Edits health-explainer: a new prompt version, a rewired edge, a moved node, a renamed flow. */
function edit(path: string): void {
  const flow = readJsonFile(path);
  flow.name = 'Health explainer 2';
  flow.nodes.find((n: { id: string }) => n.id === 'general').data.prompt.ref = 'health-general@1';
  flow.nodes.find((n: { id: string }) => n.id === 'question').position.x = 40;
  flow.edges.find((e: { sourceHandle?: string }) => e.sourceHandle === 'default').target = 'disclaimer';
  writeJsonFile(path, flow);
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'pipe',
  });

describe('weir diff', () => {
  it('shows what changed between two flow files, field by field', async () => {
    const cwd = workspace();
    const copy = join(cwd, 'after.json');
    writeJsonFile(copy, readJsonFile(join(cwd, 'flows', 'health-explainer.json')));
    edit(copy);
    const r = await weir(['diff', 'flows/health-explainer.json', 'after.json'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'flow',
        '~ name: "Health explainer" -> "Health explainer 2"',
        'nodes',
        '~ node general (prompt)',
        '    ~ data.prompt.ref: "health-general@production" -> "health-general@1"',
        '  1 node(s) moved',
        'edges',
        '~ edge topic:default -> general now -> disclaimer',
        'prompts',
        '+ health-general@1',
        '- health-general@production',
        '',
      ].join('\n'),
    );
  });

  it('compares a file with its version at a git ref', async () => {
    const cwd = workspace();
    git(cwd, 'init', '-q');
    git(cwd, 'add', 'flows');
    git(cwd, 'commit', '-q', '-m', 'flows');
    edit(join(cwd, 'flows', 'health-explainer.json'));
    const r = await weir(['diff', 'health-explainer', '--rev', 'HEAD', '--moved'], { cwd: join(cwd, 'flows') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('~ node question moved (0, 120) -> (40, 120)');
    expect(r.stdout).toContain('~ data.prompt.ref: "health-general@production" -> "health-general@1"');
  });

  it('prints the FlowDiff as JSON and exits 1 with --exit-code when the flows differ', async () => {
    const cwd = workspace();
    const copy = join(cwd, 'after.json');
    writeJsonFile(copy, readJsonFile(join(cwd, 'flows', 'health-explainer.json')));
    edit(copy);
    const r = await weir(['diff', 'flows/health-explainer.json', 'after.json', '--json', '--exit-code'], { cwd });
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout);
    expect(diff.edges.rewired).toEqual([{ source: 'topic', sourceHandle: 'default', before: 'general', after: 'disclaimer' }]);
    expect(diff.nodes.moved).toEqual([{ id: 'question', before: { x: 0, y: 120 }, after: { x: 40, y: 120 } }]);
    expect(diff.same).toBe(false);
  });

  it('says "no changes" for identical flows', async () => {
    const r = await weir(['diff', 'health-explainer', 'flows/health-explainer.json', '--exit-code'], { cwd: workspace() });
    expect(r.stdout).toBe('no changes\n');
    expect(r.code).toBe(0);
  });

  it('fails with one line when the ref does not exist, and exits 2 without a second flow or --rev', async () => {
    const cwd = workspace();
    git(cwd, 'init', '-q');
    const r = await weir(['diff', 'health-explainer', '--rev', 'no-such-ref'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^weir: cannot read flows\/health-explainer.json at no-such-ref: fatal: .+\n$/);
    const usage = await weir(['diff', 'health-explainer'], { cwd });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('weir: pass two flows to compare, or one flow with --rev <git-ref>\n');
  });
});
