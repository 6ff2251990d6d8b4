// formatDiff: a FlowDiff as terminal text (+ added, - removed, ~ changed), optionally coloured.
import type { FlowDiff, ValueChange } from './diff';

export interface FormatDiffOptions {
  /** ANSI colours: green +, red -, yellow ~, dim moves. */
  color?: boolean;
  /** List moved nodes one by one (otherwise one summary line). */
  moved?: boolean;
  /** Longest value shown before it is cut with "…". */
  width?: number;
}

/** The diff as terminal lines: `+` added, `-` removed, `~` changed; "no changes" when same. */
export function formatDiff(diff: FlowDiff, opts: FormatDiffOptions = {}): string {
  const paint = (code: string) => (s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const [green, red, yellow, dim, bold] = ['32', '31', '33', '2', '1'].map(paint);
  const width = opts.width ?? 100;
  const show = (v: unknown) => {
    const text = JSON.stringify(v) ?? 'undefined';
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  const change = (c: ValueChange, indent = '') => {
    if (c.kind === 'added') return green(`${indent}+ ${c.path}: ${show(c.after)}`);
    if (c.kind === 'removed') return red(`${indent}- ${c.path}: ${show(c.before)}`);
    return yellow(`${indent}~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`);
  };
  const handle = (h: string) => (h === 'out' ? '' : `:${h}`);
  const lines: string[] = [];
  const section = (title: string, body: string[]) => body.length && lines.push(bold(title), ...body);
  section(
    'flow',
    diff.flow.map((c) => change(c)),
  );
  section('nodes', [
    ...diff.nodes.added.map((n) => green(`+ node ${n.id} (${n.type})`)),
    ...diff.nodes.removed.map((n) => red(`- node ${n.id} (${n.type})`)),
    ...diff.nodes.changed.flatMap((n) => [yellow(`~ node ${n.id} (${n.type})`), ...n.changes.map((c) => change(c, '    '))]),
    ...(opts.moved
      ? diff.nodes.moved.map((m) => dim(`~ node ${m.id} moved (${m.before.x}, ${m.before.y}) -> (${m.after.x}, ${m.after.y})`))
      : diff.nodes.moved.length
        ? [dim(`  ${diff.nodes.moved.length} node(s) moved`)]
        : []),
  ]);
  section('edges', [
    ...diff.edges.added.map((e) => green(`+ edge ${e.source}${handle(e.sourceHandle)} -> ${e.target}`)),
    ...diff.edges.removed.map((e) => red(`- edge ${e.source}${handle(e.sourceHandle)} -> ${e.target}`)),
    ...diff.edges.rewired.map((e) => yellow(`~ edge ${e.source}${handle(e.sourceHandle)} -> ${e.before} now -> ${e.after}`)),
  ]);
  section('prompts', [...diff.prompts.added.map((r) => green(`+ ${r}`)), ...diff.prompts.removed.map((r) => red(`- ${r}`))]);
  if (lines.length === 0) return 'no changes\n';
  return lines.join('\n') + '\n';
}
