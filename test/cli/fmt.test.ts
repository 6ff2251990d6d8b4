// weir fmt as a child process: --check fails on messy files without touching them; fmt restores
// the canonical bytes and is idempotent; prompt files get their own canonical key order.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoFileCount, repoRoot, weir, workspace } from './helpers';

type Obj = Record<string, unknown>;
const reversed = (o: Obj, child: (v: unknown) => unknown = (v) => v): Obj =>
  Object.fromEntries(
    Object.entries(o)
      .reverse()
      .map(([k, v]) => [k, child(v)]),
  );

/** The same flow with the keys the format orders reversed (free-form values stay), 4-space indent, no final newline. */
function messy(text: string): string {
  const flow = JSON.parse(text) as Obj & { nodes: Obj[]; edges: Obj[] };
  const nodes = flow.nodes.map((n) => reversed(n, (v) => (v && typeof v === 'object' ? reversed(v as Obj) : v)));
  return JSON.stringify(reversed({ ...flow, nodes, edges: flow.edges.map((e) => reversed(e)) }), null, 4);
}

describe('weir fmt', () => {
  it('--check passes when every file is canonical', async () => {
    const r = await weir(['fmt', '--check'], { cwd: workspace() });
    expect(r.stdout).toBe(`${repoFileCount()} files formatted canonically\n`);
    expect(r.code).toBe(0);
  });

  it('--check lists a messy file, exits 1 and leaves it as it was', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'health-explainer.json');
    const text = messy(readFileSync(path, 'utf8'));
    writeFileSync(path, text);
    const r = await weir(['fmt', '--check'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('flows/health-explainer.json: not formatted\n');
    expect(r.stderr).toContain('1 file not formatted; run weir fmt');
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('restores a messy flow to the committed bytes, and a second run changes nothing', async () => {
    const cwd = workspace();
    const committed = readFileSync(join(repoRoot, 'flows', 'support-x1000.json'), 'utf8');
    const path = join(cwd, 'flows', 'support-x1000.json');
    writeFileSync(path, messy(committed));
    const first = await weir(['fmt'], { cwd });
    expect(first.stdout).toBe('formatted flows/support-x1000.json\n');
    expect(readFileSync(path, 'utf8')).toBe(committed);
    const second = await weir(['fmt', 'flows'], { cwd });
    expect(second.stdout).toBe(`${repoFileCount()} files already canonical\n`);
    expect(readFileSync(path, 'utf8')).toBe(committed);
  });

  it('puts prompt files in canonical order: name, description, versions by number with fixed keys, labels sorted', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'prompts', 'health-general.json');
    const prompt = JSON.parse(readFileSync(path, 'utf8'));
    const v1 = prompt.versions[0];
    const v2 = { createdAt: '2026-12-01T00:00:00.000Z', note: 'Shorter.', template: { text: 'Briefly: {{input.question}}' }, version: 2 };
    writeFileSync(
      path,
      JSON.stringify({ labels: { staging: 2, production: 1 }, versions: [v2, v1], description: prompt.description, name: prompt.name }),
    );
    const r = await weir(['fmt', 'flows/prompts/health-general.json'], { cwd });
    expect(r.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    const out = JSON.parse(text);
    expect(Object.keys(out)).toEqual(['name', 'description', 'versions', 'labels']);
    expect(out.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(Object.keys(out.versions[1])).toEqual(['version', 'template', 'note', 'createdAt']);
    expect(Object.keys(out.labels)).toEqual(['production', 'staging']);
    expect(text.endsWith('}\n')).toBe(true);
    expect((await weir(['fmt', '--check', 'flows/prompts'], { cwd })).code).toBe(0);
  });

  it('exits 1 naming a file that is not JSON', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'flows', 'broken.json'), '{ nope');
    const r = await weir(['fmt'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^flows\/broken.json: not valid JSON: /m);
  });
});
