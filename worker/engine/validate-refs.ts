// The part of validation that reads inside node data: templates and expressions must parse, and
// the references they make (found by refs.ts, the same finder the editor's rename uses) must name
// the declared input or an upstream node. Prompts the caller could resolve are checked too: a KV
// prompt using a variable the flow does not supply is a warning.
import { WeirError } from './errors';
import { upstreamIndex, type Graph } from './graph';
import { expressionReferences, templateReferences, type Reference } from './refs';
import type { PromptTemplate } from './types';
import type { Add, CheckedNode } from './validate';

const texts = (t: PromptTemplate): string[] => ('text' in t ? [t.text] : t.messages.map((m) => m.content));

export function checkReferences(
  nodes: CheckedNode[],
  graph: Graph,
  fields: string[],
  prompts: Readonly<Record<string, PromptTemplate | undefined>>,
  add: Add,
): void {
  const ids = new Set(nodes.map((n) => n.id));
  let isUpstream: ((a: string, b: string) => boolean) | undefined;
  const upstream = (a: string, b: string) => (isUpstream ??= upstreamIndex(graph))(a, b);
  const declared = new Set(fields);
  for (const n of nodes) {
    if (!n.def) continue;
    const def = n.def;
    const data = n.data ?? n.raw;
    // On data that failed its schema, extract what can be extracted: one bad field must not hide the rest.
    const extract = <T extends { source?: unknown }>(fn: () => T[]): T[] => {
      try {
        return fn().filter((r) => typeof r.source === 'string');
      } catch {
        return [];
      }
    };
    const base = ['nodes', n.index, 'data'];
    const checkRefs = (refs: Reference[], path: PropertyKey[], what: (r: Reference) => string, severity: 'error' | 'warning' = 'error') => {
      for (const r of refs) {
        if (r.kind === 'node') {
          if (!ids.has(r.name)) add('unknown_variable', `${what(r)} names node "${r.name}", which does not exist`, path, n.id, severity);
          else if (!upstream(r.name, n.id))
            add('not_upstream', `${what(r)} names node "${r.name}", which is not upstream of "${n.id}"`, path, n.id, severity);
        } else if (fields.length > 0 && !declared.has(r.name))
          add('unknown_variable', `${what(r)} names input.${r.name}, which the input declaration does not have`, path, n.id, 'warning');
      }
    };
    for (const t of extract(() => def.templates(data))) {
      const path = [...base, ...t.path];
      try {
        const found = templateReferences(t.source);
        checkRefs(found.refs, path, (r) => `template variable {{${r.kind === 'node' ? 'nodes' : 'input'}.${r.name}}}`);
        for (const v of found.other)
          if (!v.inSection && v.name !== '.')
            add('unknown_variable', `template variable {{${v.name}}} must start with input. or nodes.<id>.`, path, n.id);
      } catch (err) {
        add('template_syntax', (err as WeirError).message, path, n.id);
      }
    }
    for (const e of extract(() => def.expressions(data))) {
      const path = [...base, ...e.path];
      let found;
      try {
        found = expressionReferences(e.source);
      } catch (err) {
        add('expression_syntax', err instanceof WeirError ? err.message : String(err), path, n.id);
        continue;
      }
      checkRefs(found.refs, path, () => 'expression');
    }
    for (const p of extract(() => def.promptRefs(data))) {
      const template = Object.hasOwn(prompts, p.source) ? prompts[p.source] : undefined;
      if (!template) continue;
      const path = [...base, ...p.path];
      for (const text of texts(template)) {
        let found;
        try {
          found = templateReferences(text);
        } catch {
          continue; // the prompt store refuses templates that do not parse
        }
        for (const r of found.refs) {
          if (r.kind === 'input' && fields.length > 0 && !declared.has(r.name))
            add(
              'prompt_variable_missing',
              `prompt ${p.source} uses {{input.${r.name}}}, which the flow's input does not declare`,
              path,
              n.id,
              'warning',
            );
        }
        checkRefs(
          found.refs.filter((r) => r.kind === 'node'),
          path,
          (r) => `prompt ${p.source} variable {{nodes.${r.name}}}`,
          'warning',
        );
      }
    }
  }
}
