// Prints a run as it happens: node start/end lines with status, duration and summary on stderr,
// the answer's tokens on stdout, keeping the two from sharing a line.
import type { NodeStatus, RunEvent } from '../../worker/engine';
import { dim, green, red, yellow } from './color';

const marks: Record<NodeStatus, (color: boolean) => string> = {
  ok: (c) => green('✓', c),
  skipped: (c) => dim('○', c),
  failed: (c) => red('✗', c),
  fell_back: (c) => yellow('↺', c),
};

export function tracePrinter(color: boolean) {
  let midLine = false;
  const line = (text: string) => {
    if (midLine) process.stdout.write('\n');
    midLine = false;
    process.stderr.write(text + '\n');
  };
  return {
    onEvent(event: RunEvent): void {
      if (event.type === 'token') {
        process.stdout.write(event.text);
        midLine = !event.text.endsWith('\n');
        return;
      }
      if (event.type === 'node.start') return line(dim(`▸ ${event.nodeId} (${event.nodeType})`, color));
      const parts = [`${marks[event.status](color)} ${event.nodeId} (${event.nodeType}) ${event.status}`];
      if (event.status !== 'skipped') parts.push(`${event.durationMs}ms`);
      if (event.handle && event.handle !== 'out') parts.push(`→ ${event.handle}`);
      if (event.error) parts.push(`[${event.error.code}] ${event.error.message}`);
      else if (event.summary) parts.push(dim(event.summary.replace(/\s+/g, ' ').slice(0, 120), color));
      line(parts.join('  '));
    },
    /** Ends a line of streamed tokens, if one is open. */
    finish(): void {
      if (midLine) process.stdout.write('\n');
      midLine = false;
    },
  };
}
