// What the worker checks beyond the file on PUT and /validate (configured providers, the JSON
// Schema of a response format, KV prompt variables, the node cap), and the typed 422/413 answers
// when a run breaches an evaluation limit.
import { describe, expect, it } from 'vitest';
import { INVOKE, admin, call, errorOf, putFlow, simpleFlow } from './helpers';

const validate = async (flow: unknown, env = {}) =>
  (await (await admin('/v1/flows/validate', { method: 'POST', json: flow, env })).json()) as {
    valid: boolean;
    problems: { code: string; severity: string; path: string }[];
  };

describe('flow checks on PUT and /validate', () => {
  it('refuses a provider the worker does not have configured, naming the configured ones', async () => {
    const res = await admin('/v1/flows/typo-provider', { method: 'PUT', json: simpleFlow('typo-provider', {}, { provider: 'opnai' }) });
    expect(res.status).toBe(422);
    const issue = (await errorOf(res)).issues?.find((i) => i.code === 'unknown_provider');
    expect(issue).toMatchObject({ path: '$.nodes[1].data.provider' });
    expect((issue as unknown as { message: string }).message).toContain('configured: default, echo');
    expect((await validate(simpleFlow('named-echo', {}, { provider: 'echo' }))).valid).toBe(true);
  });

  it('warns when a node uses a model the registry says is retired or retires within 30 days', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    for (const [model, retiresAt] of [
      ['ft:gpt-old:acme::gone', '2024-01-01'],
      ['ft:gpt-mini:acme::soon', soon],
    ]) {
      const res = await admin('/v1/models/registry', {
        method: 'POST',
        json: { model, provider: 'default', baseModel: 'gpt-base', retiresAt },
      });
      expect(res.status).toBeLessThan(300);
    }
    const codes = async (model: string) =>
      (await validate(simpleFlow(`uses-${model.length}`, {}, { model }))).problems.filter((p) => p.code.startsWith('model_retir'));
    expect(await codes('ft:gpt-old:acme::gone')).toMatchObject([
      { code: 'model_retired', severity: 'warning', path: '$.nodes[1].data.model' },
    ]);
    expect(await codes('ft:gpt-mini:acme::soon')).toMatchObject([{ code: 'model_retiring', severity: 'warning' }]);
    expect(await codes('test-model')).toEqual([]);
  });

  it('checks a response schema against the JSON Schema meta-schema', async () => {
    const result = await validate(simpleFlow('bad-schema', {}, { responseFormat: { type: 'json', schema: { type: 'objekt' } } }));
    expect(result.valid).toBe(false);
    expect(result.problems.find((p) => p.code === 'invalid_json_schema')?.path).toBe('$.nodes[1].data.responseFormat.schema.type');
  });

  it('warns when a KV prompt uses a variable the flow does not supply', async () => {
    await admin('/v1/prompts/launch-mail/versions', {
      method: 'POST',
      json: { template: { text: 'About {{input.product}}: {{input.question}}' } },
    });
    const flow = simpleFlow('uses-kv-prompt', {}, { prompt: { ref: 'launch-mail@latest' } });
    const res = await admin('/v1/flows/uses-kv-prompt', { method: 'PUT', json: flow });
    expect(res.status).toBe(200);
    const { problems } = (await res.json()) as { problems: { code: string; severity: string }[] };
    expect(problems.find((p) => p.code === 'prompt_variable_missing')).toMatchObject({ severity: 'warning' });
  });

  it('refuses a flow with more nodes than MAX_NODES, as the run would', async () => {
    const flow = simpleFlow('capped');
    expect((await validate(flow, { MAX_NODES: '2' })).problems.map((p) => p.code)).toContain('too_many_nodes');
    expect((await validate(flow, { MAX_NODES: '3' })).valid).toBe(true);
  });
});

describe('evaluation limits over HTTP', () => {
  const limitedFlow = (id: string, node: Record<string, unknown>, fields: Record<string, unknown>) => ({
    ...simpleFlow(id),
    input: { fields },
    nodes: [
      { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
      { position: { x: 200, y: 0 }, ...node },
    ],
    edges: [{ source: 'question', target: (node as { id: string }).id }],
  });
  const run = (id: string, input: unknown) => call(`/v1/flows/${id}/run`, { method: 'POST', token: INVOKE, json: { input } });

  it('answers 422 expression_too_costly naming the node for a nested exists over 10,000 items', async () => {
    await putFlow(
      limitedFlow(
        'costly',
        { id: 'result', type: 'output', data: { value: 'input.items.exists(x, input.items.exists(y, x == -y))' } },
        { items: { type: 'array' } },
      ),
    );
    const res = await run('costly', { items: Array.from({ length: 10_000 }, (_, i) => i + 1) });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ code: 'expression_too_costly', nodeId: 'result' });
  });

  it('answers 413 template_too_large naming the node for a 60 KB input repeated 2,000 times', async () => {
    const flow = limitedFlow(
      'huge-template',
      { id: 'result', type: 'template', data: { template: '{{#input.items}}{{input.big}}{{/input.items}}' } },
      { big: { type: 'string' }, items: { type: 'array' } },
    );
    await putFlow({
      ...flow,
      nodes: [...flow.nodes, { id: 'end', type: 'output', position: { x: 400, y: 0 }, data: {} }],
      edges: [...flow.edges, { source: 'result', target: 'end' }],
    });
    const res = await run('huge-template', { big: 'x'.repeat(60_000), items: Array.from({ length: 2000 }, () => 1) });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: 'template_too_large', nodeId: 'result' });
  });

  it('answers 413 input_too_large for an input list past the limit', async () => {
    await putFlow(limitedFlow('big-list', { id: 'result', type: 'output', data: {} }, { items: { type: 'array' } }));
    const res = await run('big-list', { items: Array.from({ length: 10_001 }, () => 0) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('input_too_large');
  });
});
