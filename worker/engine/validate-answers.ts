// Warns when two answer (output) nodes can both run in one run. A node that takes one of several
// handles (a condition, a fine-tuned node's out/fallback) makes what only one handle reaches
// exclusive with what only another reaches; answer nodes not separated that way can both run,
// and then the first in the file's node order answers.
import { reachableFrom, type Graph } from './graph';
import { handleOf } from './schema';
import type { Add, CheckedNode } from './validate';

export function checkAnswers(graph: Graph, entry: string, answers: CheckedNode[], byId: Map<string, CheckedNode>, add: Add): void {
  // For each branching node and handle: which answers are reachable only through that handle.
  const requires = new Map<string, Map<string, string>>(answers.map((a) => [a.id, new Map()]));
  const upstream = reachableFrom(
    graph,
    answers.map((a) => a.id),
    { backward: true },
  );
  for (const id of graph.ids) {
    const n = byId.get(id);
    if (!n?.def || !upstream.has(id)) continue;
    const handles = new Set((graph.out.get(id) ?? []).map(handleOf));
    if (handles.size < 2) continue;
    for (const h of handles) {
      const without = reachableFrom(graph, [entry], { skip: (e) => e.source === id && handleOf(e) === h });
      for (const a of answers) if (!without.has(a.id)) requires.get(a.id)!.set(id, h);
    }
  }
  const exclusive = (a: string, b: string) => {
    for (const [node, h] of requires.get(a)!) {
      const other = requires.get(b)!.get(node);
      if (other !== undefined && other !== h) return true;
    }
    return false;
  };
  for (let i = 0; i < answers.length; i++)
    for (let j = i + 1; j < answers.length; j++) {
      const [a, b] = [answers[i], answers[j]];
      if (!exclusive(a.id, b.id))
        add(
          'multiple_outputs',
          `output nodes "${a.id}" and "${b.id}" can both run in one run; then "${a.id}" answers (the first in node order)`,
          ['nodes', b.index],
          b.id,
          'warning',
        );
    }
}
