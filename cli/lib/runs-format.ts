// Plain-text rendering of runs for `weir runs`: one aligned table, costs with unknown shown as
// "unknown" (never $0), times in UTC.
export interface RunRow {
  id: string;
  createdAt: string;
  source: string;
  flow: { id: string; version: number | 'draft'; label?: string };
  status: string;
  error?: { code: string; nodeId?: string };
  durationMs: number;
  usage: { calls: number; inputTokens: number; outputTokens: number };
  costUsd: number | null;
  inputPreview: string;
  feedback?: { thumbs: 'up' | 'down' | null; score: number | null };
}

export const usd = (v: number | null | undefined): string =>
  v === null || v === undefined ? 'unknown' : v === 0 ? '$0' : v < 0.01 ? `$${v.toPrecision(2)}` : `$${v.toFixed(4)}`;

export const when = (iso: string) => iso.replace('T', ' ').slice(0, 19);

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function runsTable(runs: RunRow[]): string {
  const rows = runs.map((r) => [
    when(r.createdAt),
    r.id.slice(0, 8),
    `${r.flow.id}@${r.flow.version}`,
    r.status === 'ok' ? 'ok' : `failed ${r.error?.code ?? ''}${r.error?.nodeId ? ` at ${r.error.nodeId}` : ''}`,
    `${r.durationMs}ms`,
    `${r.usage.inputTokens}/${r.usage.outputTokens}`,
    usd(r.costUsd),
    r.feedback?.thumbs === 'up' ? 'up' : r.feedback?.thumbs === 'down' ? 'down' : '',
    oneLine(r.inputPreview, 50),
  ]);
  return table([['TIME (UTC)', 'RUN', 'FLOW', 'STATUS', 'LATENCY', 'TOKENS IN/OUT', 'COST', 'FB', 'INPUT'], ...rows]);
}
