// weir validate as a child process: clean files pass, broken ones are reported with file, JSON
// path and node id; warnings do not fail; --json for tools; usage mistakes exit 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile, repoFileCount, weir, workspace, writeJsonFile } from './helpers';

describe('weir validate', () => {
  it('passes every flow and prompt file in flows/ and exits 0', async () => {
    const cwd = workspace();
    const r = await weir(['validate'], { cwd });
    expect(r.stdout).toBe(`${repoFileCount()} files checked: 0 errors, 0 warnings\n`);
    expect(r.code).toBe(0);
  });

  it('reports each problem with the file, the JSON path and the node id, and exits 1', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'support-x1000.json');
    const flow = readJsonFile(path);
    const route = flow.nodes.findIndex((n: { id: string }) => n.id === 'route');
    flow.nodes[route].data.cases[0].expression = 'input.question.(';
    flow.edges.push({ source: 'question', target: 'nowhere' });
    writeJsonFile(path, flow);
    const r = await weir(['validate'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^flows/support-x1000.json: \\$\\.nodes\\[${route}\\]\\.data\\.cases\\[0\\]\\.expression \\(node route\\): .+ \\[expression_syntax\\]$`,
        'm',
      ),
    );
    expect(r.stdout).toContain(
      `flows/support-x1000.json: $.edges[${flow.edges.length - 1}].target: edge target "nowhere" is not a node [edge_unknown_node]`,
    );
    expect(r.stdout).toContain(`${repoFileCount()} files checked: 2 errors, 0 warnings`);
  });

  it('shows warnings but still exits 0 when there are no errors', async () => {
    const cwd = workspace();
    const flow = readJsonFile(join(cwd, 'flows', 'health-explainer.json'));
    writeJsonFile(join(cwd, 'flows', 'health-copy.json'), flow);
    const r = await weir(['validate', 'flows/health-copy.json'], { cwd });
    expect(r.stdout).toContain(
      'flows/health-copy.json: warning $.id: the flow\'s id "health-explainer" differs from its file name health-copy.json [id_mismatch]',
    );
    expect(r.stdout).toContain('1 file checked: 0 errors, 1 warning');
    expect(r.code).toBe(0);
  });

  it('checks files under prompts/ as prompt files', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'prompts', 'health-general.json');
    const prompt = readJsonFile(path);
    prompt.labels.staging = 7;
    prompt.versions[0].template.text = 'Hello {{#input.question}}';
    writeJsonFile(path, prompt);
    const r = await weir(['validate', 'flows/prompts'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'flows/prompts/health-general.json: $.labels.staging: label "staging" points at version 7, which the file does not have [unknown_version]',
    );
    expect(r.stdout).toMatch(
      /^flows\/prompts\/health-general.json: \$\.versions\[0\]\.template\.text: the template does not parse: .+ \[template_error\]$/m,
    );
  });

  it('warns when a flow references a prompt label the prompt files do not have', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'health-explainer.json');
    const flow = readJsonFile(path);
    const general = flow.nodes.findIndex((n: { id: string }) => n.id === 'general');
    flow.nodes[general].data.prompt.ref = 'health-general@canary';
    writeJsonFile(path, flow);
    const r = await weir(['validate', 'flows/health-explainer.json'], { cwd });
    expect(r.stdout).toContain(
      `flows/health-explainer.json: warning $.nodes[${general}].data.prompt.ref (node general): prompt "health-general" has no label "canary"`,
    );
    expect(r.code).toBe(0);
  });

  it('warns when a prompt file uses an input field the flow does not declare, and about unknown providers', async () => {
    const cwd = workspace();
    const path = join(cwd, 'flows', 'health-explainer.json');
    const flow = readJsonFile(path);
    delete flow.input.fields[Object.keys(flow.input.fields)[0]];
    flow.input.fields.unrelated = { type: 'string' };
    const general = flow.nodes.findIndex((n: { id: string }) => n.id === 'general');
    flow.nodes[general].data.provider = 'opnai';
    writeJsonFile(path, flow);
    const r = await weir(['validate', 'flows/health-explainer.json', '--json'], { cwd });
    const problems = JSON.parse(r.stdout).files[0].problems as { code: string; severity: string; nodeId?: string }[];
    expect(problems.find((p) => p.code === 'prompt_variable_missing')).toMatchObject({ severity: 'warning', nodeId: 'general' });
    expect(problems.find((p) => p.code === 'unknown_provider')).toMatchObject({ severity: 'warning', nodeId: 'general' });
  });

  it('prints files and problems as JSON with --json', async () => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'flows', 'broken.json'), '{"version": 1,');
    const r = await weir(['validate', '--json'], { cwd });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toBe(1);
    expect(out.files).toHaveLength(repoFileCount() + 1);
    const broken = out.files.find((f: { path: string }) => f.path === 'flows/broken.json');
    expect(broken).toMatchObject({ kind: 'flow', valid: false, problems: [{ code: 'json_syntax', path: '$', severity: 'error' }] });
    expect(out.files.find((f: { path: string }) => f.path === 'flows/prompts/support-classify.json')).toMatchObject({
      kind: 'prompt',
      valid: true,
      problems: [],
    });
  });

  it('exits 2 with one line for a path that does not exist', async () => {
    const r = await weir(['validate', 'flows/nope.json'], { cwd: workspace() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weir: no such file or directory: flows/nope.json\n');
  });
});
