// The one reference finder, shared by the validator and the editor's rename: CEL references come
// from the CEL parser, so text inside string literals is never a reference, on either side.
import { describe, expect, it } from 'vitest';
import { expressionReferences, renameNodeReferences, templateReferences, validateFlow } from '../../worker/engine';
import { makeFlow } from './helpers';

const nodeNames = (source: string) =>
  expressionReferences(source)
    .refs.filter((r) => r.kind === 'node')
    .map((r) => r.name);

describe('reference finder', () => {
  it('finds member and index references with the span of the id', () => {
    const source = 'nodes.a.output == nodes["b"].output && input.question != ""';
    const { refs, dynamicNodes } = expressionReferences(source);
    expect(dynamicNodes).toBe(false);
    expect(refs.map((r) => [r.kind, r.name, r.spans.map(([s, e]) => source.slice(s, e))])).toEqual([
      ['node', 'a', ['a']],
      ['node', 'b', ['b']],
      ['input', 'question', ['question']],
    ]);
  });

  it('never counts a CEL string literal as a reference', () => {
    expect(nodeNames('"see nodes.ghost.output" + \'nodes.ghost\' + r"nodes.ghost"')).toEqual([]);
    expect(nodeNames('input.nodes.ghost + nodes.real.output')).toEqual(['real']);
  });

  it('says when nodes is indexed dynamically', () => {
    expect(expressionReferences('nodes[input.which].output').dynamicNodes).toBe(true);
  });

  it('finds template references, section closing tags included', () => {
    const text = '{{#nodes.a.output.items}}{{name}}{{/nodes.a.output.items}} {{input.q}}';
    const { refs, other } = templateReferences(text);
    expect(refs.map((r) => [r.name, r.spans.length])).toEqual([
      ['a', 2],
      ['q', 1],
    ]);
    expect(other).toEqual([{ name: 'name', inSection: true }]);
  });

  it('lets the validator accept a string literal that mentions a missing node', () => {
    const flow = makeFlow(
      [
        { id: 'in', type: 'input' },
        { id: 'out', type: 'output', data: { value: '"see nodes.ghost.output"' } },
      ],
      [['in', 'out']],
    );
    expect(validateFlow(flow)).toEqual([]);
  });

  it('lets the rename leave the same string literal alone while renaming the real reference', () => {
    const source = 'nodes.ghost.output + " see nodes.ghost.output"';
    expect(renameNodeReferences(source, 'expression', 'ghost', 'spirit')).toBe('nodes.spirit.output + " see nodes.ghost.output"');
  });
});
