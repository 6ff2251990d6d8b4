// The prompt node: a model call from a KV prompt or inline text, and its own validation rules
// (a configured provider, a response schema that is a JSON Schema, prompt variables supplied).
import { describe, expect, it } from 'vitest';
import { nodeRegistry, runFlow, validateFlow } from '../../../worker/engine';
import { makeFlow, scriptedLlm, staticPrompts } from '../helpers';

const promptFlow = (data: Record<string, unknown>) =>
  makeFlow(
    [
      { id: 'in', type: 'input' },
      { id: 'ask', type: 'prompt', data: { model: 'm', prompt: { text: 'Q: {{input.question}}' }, ...data } },
      { id: 'out', type: 'output' },
    ],
    [
      ['in', 'ask'],
      ['ask', 'out'],
    ],
  );
const found = (problems: { code: string; severity: string; path: string }[], code: string) => problems.find((p) => p.code === code);

describe('prompt node', () => {
  it('renders a KV prompt with the input and calls the model', async () => {
    const prompts = staticPrompts({
      'support@production': { name: 'support', version: 3, template: { text: 'Help with {{input.question}}' }, model: 'pm' },
    });
    const llm = scriptedLlm();
    const result = await runFlow(
      promptFlow({ model: undefined, prompt: { ref: 'support@production' } }),
      { question: 'E5' },
      { llm, prompts },
    );
    expect(result.output).toBe('answer from pm');
    expect(llm.calls[0].messages).toEqual([{ role: 'user', content: 'Help with E5' }]);
    expect(result.prompts).toEqual([{ ref: 'support@production', name: 'support', version: 3 }]);
  });

  it('checks the response schema against the JSON Schema meta-schema', () => {
    const problems = validateFlow(promptFlow({ responseFormat: { type: 'json', schema: { type: 'objekt' } } }));
    expect(found(problems, 'invalid_json_schema')).toMatchObject({ severity: 'error', path: '$.nodes[1].data.responseFormat.schema.type' });
    const nested = validateFlow(
      promptFlow({ responseFormat: { type: 'json', schema: { type: 'object', properties: { a: { minLength: -1 } } } } }),
    );
    expect(found(nested, 'invalid_json_schema')?.path).toBe('$.nodes[1].data.responseFormat.schema.properties.a.minLength');
    expect(validateFlow(promptFlow({ responseFormat: { type: 'json', schema: { type: 'object', required: ['a'] } } }))).toEqual([]);
  });

  it('flags a provider the configuration does not have: an error where it is authoritative, else a warning', () => {
    const flow = promptFlow({ provider: 'opnai' });
    expect(found(validateFlow(flow), 'unknown_provider')).toBeUndefined();
    expect(found(validateFlow(flow, { providers: ['default', 'echo'], providerSeverity: 'error' }), 'unknown_provider')).toMatchObject({
      severity: 'error',
      path: '$.nodes[1].data.provider',
    });
    expect(found(validateFlow(flow, { providers: ['default', 'echo'] }), 'unknown_provider')?.severity).toBe('warning');
    expect(found(validateFlow(promptFlow({}), { providers: ['default'], providerSeverity: 'error' }), 'unknown_provider')).toBeUndefined();
  });

  it('warns when a resolved KV prompt uses an input field the flow does not declare', () => {
    const flow = promptFlow({ prompt: { ref: 'mail@production' } });
    const prompts = { 'mail@production': { text: 'Write about {{input.product}} for {{input.question}}' } };
    const warning = found(validateFlow(flow, { prompts }), 'prompt_variable_missing');
    expect(warning).toMatchObject({ severity: 'warning', path: '$.nodes[1].data.prompt.ref' });
    expect(warning && 'message' in warning ? (warning as { message: string }).message : '').toContain('input.product');
    expect(found(validateFlow(flow), 'prompt_variable_missing')).toBeUndefined();
  });

  it('declares its widgets in the JSON Schema the editor reads', async () => {
    const { toJSONSchema } = await import('zod');
    const schema = toJSONSchema(nodeRegistry.get('prompt')!.data, { io: 'input' }) as { properties: Record<string, { widget?: string }> };
    expect(Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.widget]))).toMatchObject({
      provider: 'provider',
      model: 'model',
      system: 'template',
      prompt: 'prompt-ref',
      temperature: 'number',
    });
    expect(
      nodeRegistry.get('prompt')!.summary({ model: 'gpt-4o-mini', prompt: { ref: 'a@production' }, responseFormat: { type: 'json' } }),
    ).toEqual(['gpt-4o-mini · json', 'prompt a@production']);
  });
});
