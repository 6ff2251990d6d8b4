// The Runs view of a flow: its last 7 days in numbers, the run log as a table with filters and
// more pages, and a row opens the run on the canvas like a live run.
import { useCallback, useEffect, useState } from 'react';
import { useEditor } from '../../state/use-editor';
import { AddToDataset } from './add-to-dataset';
import { ErrorState, Loading } from '../ui/states';
import { ms, percent, usd } from './format';
import { RunFiltersBar } from './run-filters';
import { runsApi, type DayStats, type NodeStats, type RunFilters, type RunSummary } from './runs-api';
import { RunsTable } from './runs-table';
import { useOpenRun } from './use-open-run';
import './runs.css';

/** Per node over the week: how often fine-tuned nodes fell back, and which branches conditions took. */
function NodeRates({ nodes }: { nodes: NodeStats[] }) {
  const lines = nodes.flatMap((n) => {
    if (n.fellBack > 0 || n.type === 'finetuned') return [`${n.nodeId}: fell back ${percent(n.fallbackRate)} of ${n.runs}`];
    const handles = Object.entries(n.handles);
    if (n.type === 'condition' && handles.length) return [`${n.nodeId}: ${handles.map(([h, v]) => `${h} ${percent(v.rate)}`).join(' · ')}`];
    return n.failed ? [`${n.nodeId}: failed ${n.failed} of ${n.runs}`] : [];
  });
  if (!lines.length) return null;
  return (
    <div className="field-help" data-testid="runs-node-rates">
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
    </div>
  );
}

function WeekSummary({ days }: { days: DayStats[] }) {
  const runs = days.reduce((n, d) => n + d.runs, 0);
  const errors = days.reduce((n, d) => n + d.errors, 0);
  const tokens = days.reduce((n, d) => n + d.inputTokens + d.outputTokens, 0);
  const cost = days.some((d) => d.costUsd === null) ? null : days.reduce((n, d) => n + (d.costUsd ?? 0), 0);
  const today = days.at(-1);
  return (
    <dl className="facts runs-summary" data-testid="runs-summary">
      <dt>7 days</dt>
      <dd>
        {runs} runs · {runs ? percent(errors / runs) : '0%'} errors · {tokens} tokens · {usd(cost)}
      </dd>
      {today && (
        <>
          <dt>{today.day}</dt>
          <dd>
            p50 {ms(today.p50Ms)} · p95 {ms(today.p95Ms)}
          </dd>
        </>
      )}
    </dl>
  );
}

export function RunsView() {
  const ed = useEditor();
  const flowId = ed.flow.id;
  const [filters, setFilters] = useState<RunFilters>({});
  const [runs, setRuns] = useState<RunSummary[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [days, setDays] = useState<DayStats[]>([]);
  const [nodes, setNodes] = useState<NodeStats[]>([]);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const { open, opening, error: openError } = useOpenRun();
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const load = useCallback(
    async (more?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await runsApi.list(flowId, filters, more);
        setRuns((prev) => (more ? [...(prev ?? []), ...page.runs] : page.runs));
        setCursor(page.nextCursor);
        if (!more) {
          const stats = await runsApi.stats(flowId, 7);
          setDays(stats.days);
          setNodes(stats.nodes);
        }
      } catch (err) {
        setError(err);
      } finally {
        setLoading(false);
      }
    },
    [flowId, filters],
  );
  useEffect(() => void load(), [load]);

  return (
    <div className="runs-view" data-testid="runs-view">
      <div className="row runs-head">
        <strong>Runs</strong>
        <button className="btn btn-small btn-ghost" data-testid="runs-refresh" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <WeekSummary days={days} />
      <NodeRates nodes={nodes} />
      <RunFiltersBar nodeIds={ed.flow.nodes.map((n) => n.id)} value={filters} onChange={setFilters} />
      {error !== undefined && <ErrorState error={error as Error} retry={() => void load()} />}
      {openError && <div className="field-error">{openError}</div>}
      {runs === undefined ? (
        loading && <Loading what="runs" />
      ) : runs.length === 0 ? (
        <div className="state state-empty" data-testid="runs-empty">
          <strong>No runs{Object.values(filters).some(Boolean) ? ' match' : ' yet'}</strong>
          <div>Runs from the edge URL, chat completions and the editor appear here a moment after they answer.</div>
        </div>
      ) : (
        <>
          <AddToDataset
            // Oldest first, so the dataset reads in the order things happened (the table is newest first).
            selected={runs
              .filter((r) => selected.has(r.id))
              .map((r) => r.id)
              .reverse()}
            nodeIds={ed.flow.nodes.map((n) => n.id)}
            defaultName={flowId}
            onDone={() => setSelected(new Set())}
          />
          <RunsTable
            runs={runs}
            openId={opening ?? ed.run.runId}
            onOpen={(r) => void open(r.id)}
            selection={{ selected, onChange: setSelected }}
          />
          {cursor && (
            <button className="btn btn-small" data-testid="runs-more" disabled={loading} onClick={() => void load(cursor)}>
              More
            </button>
          )}
        </>
      )}
    </div>
  );
}
