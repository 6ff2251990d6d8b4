// The part of validation that reads inside node data: templates and expressions must parse, and
// the variables they use must name the declared input or an upstream node.
import { WeirError } from './errors';
import { compileExpression, expressionNodeRefs } from './expression';
import { ancestorsOf, type Graph } from './graph';
import { templateVariables } from './template';
import type { CheckedNode } from './validate';

type Add = (code: string, message: string, path: PropertyKey[], nodeId?: string, severity?: 'error' | 'warning') => unknown;

export function checkReferences(nodes: CheckedNode[], graph: Graph, inputDecl: Record<string, unknown>, add: Add): void {
  const ids = new Set(nodes.map((n) => n.id));
  const fields = inputDecl.fields && typeof inputDecl.fields === 'object' ? Object.keys(inputDecl.fields) : [];
  for (const n of nodes) {
    if (!n.def) continue;
    const def = n.def;
    const data = n.data ?? n.raw;
    // On data that failed its schema, extract what can be extracted: one bad field must not hide the rest.
    const extract = <T>(fn: () => T[]): T[] => {
      try {
        return fn().filter((r) => typeof (r as { source?: unknown }).source === 'string');
      } catch {
        return [];
      }
    };
    const upstream = ancestorsOf(graph, n.id);
    const base = ['nodes', n.index, 'data'];
    const checkNodeRef = (ref: string, path: PropertyKey[], what: string) => {
      if (!ids.has(ref)) add('unknown_variable', `${what} names node "${ref}", which does not exist`, path, n.id);
      else if (!upstream.has(ref)) add('not_upstream', `${what} names node "${ref}", which is not upstream of "${n.id}"`, path, n.id);
    };
    const checkInputRef = (field: string | undefined, path: PropertyKey[], what: string) => {
      if (field && fields.length > 0 && !fields.includes(field))
        add('unknown_variable', `${what} names input.${field}, which the input declaration does not have`, path, n.id, 'warning');
    };
    for (const t of extract(() => def.templates(data))) {
      const path = [...base, ...t.path];
      let vars;
      try {
        vars = templateVariables(t.source);
      } catch (err) {
        add('template_syntax', (err as WeirError).message, path, n.id);
        continue;
      }
      for (const v of vars) {
        const parts = v.name.split('.');
        if (parts[0] === 'nodes' && parts[1]) checkNodeRef(parts[1], path, `template variable {{${v.name}}}`);
        else if (parts[0] === 'input') checkInputRef(parts[1], path, `template variable {{${v.name}}}`);
        else if (!v.inSection && v.name !== '.') {
          add('unknown_variable', `template variable {{${v.name}}} must start with input. or nodes.<id>.`, path, n.id);
        }
      }
    }
    for (const e of extract(() => def.expressions(data))) {
      const path = [...base, ...e.path];
      try {
        compileExpression(e.source);
      } catch (err) {
        add('expression_syntax', err instanceof WeirError ? err.message : String(err), path, n.id);
        continue;
      }
      for (const ref of expressionNodeRefs(e.source)) checkNodeRef(ref, path, 'expression');
      for (const m of e.source.matchAll(/\binput\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) checkInputRef(m[1], path, 'expression');
    }
  }
}
