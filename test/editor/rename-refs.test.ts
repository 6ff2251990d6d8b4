// Renaming a node rewrites `nodes.<id>` in templates (by Mustache tokens) and CEL expressions
// (outside string literals), and the whole rename is one undo step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renameNode } from '../../editor/src/state/flow-edit';
import { commit, createHistory, undo } from '../../editor/src/state/history';
import { renameInExpression, renameInTemplate } from '../../editor/src/state/rename-refs';
import { validateFlow, type Flow } from '../../worker/engine/index';

const support = () => JSON.parse(readFileSync(new URL('../../flows/support-x1000.json', import.meta.url), 'utf8')) as Flow;

describe('renameInTemplate', () => {
  it('rewrites variables, triple mustaches and sections with their closing tags', () => {
    const text = 'A {{nodes.a.output}} {{{ nodes.a }}} {{#nodes.a.output.items}}{{name}}{{/nodes.a.output.items}}';
    expect(renameInTemplate(text, 'a', 'triage')).toBe(
      'A {{nodes.triage.output}} {{{ nodes.triage }}} {{#nodes.triage.output.items}}{{name}}{{/nodes.triage.output.items}}',
    );
  });

  it('leaves other nodes, plain text, input fields and unparsable templates alone', () => {
    expect(renameInTemplate('nodes.a {{nodes.ab.output}} {{input.a}}', 'a', 'b')).toBe('nodes.a {{nodes.ab.output}} {{input.a}}');
    expect(renameInTemplate('{{#nodes.a}} never closed', 'a', 'b')).toBe('{{#nodes.a}} never closed');
  });
});

describe('renameInExpression', () => {
  it('rewrites member and index access to the node', () => {
    expect(renameInExpression('nodes.a.output.topic == "x" && nodes["a"].ok && nodes . a.n > 1', 'a', 'b')).toBe(
      'nodes.b.output.topic == "x" && nodes["b"].ok && nodes . b.n > 1',
    );
  });

  it('leaves string literals, longer ids and other objects alone', () => {
    const src = `"nodes.a" + r'nodes.a' + """nodes.a""" + string(nodes.abc) + input.nodes.a + mynodes.a`;
    expect(renameInExpression(src, 'a', 'b')).toBe(src);
  });
});

describe('renameNode', () => {
  it('rewrites every reference in the example flow so it still validates', () => {
    const flow = renameNode(support(), 'classify', 'triage');
    expect(JSON.stringify(flow)).not.toContain('nodes.classify');
    expect(validateFlow(flow).filter((p) => p.severity === 'error')).toEqual([]);
    expect(flow.edges.filter((e) => e.source === 'triage' || e.target === 'triage')).toHaveLength(2);
  });

  it('is one undo step', () => {
    const before = support();
    let h = createHistory(before);
    h = commit(h, renameNode(before, 'classify', 'triage'));
    expect(undo(h).present).toBe(before);
  });

  it('refuses a taken id', () => {
    const flow = support();
    expect(renameNode(flow, 'classify', 'route')).toBe(flow);
  });
});
