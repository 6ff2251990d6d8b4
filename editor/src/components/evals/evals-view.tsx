// The Evals view of a flow: pick one of its evals, run it in the worker with live progress (and
// cancel), pick a past run, and read it as a matrix (item × variant, headers with intervals, diff
// mode), as charts, and as the technique comparison with its break-even chart. A cell opens its
// run on the canvas; "Show on canvas" draws the run's per-node stats over the flow.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { navigate } from '../../router';
import { setOpen } from '../../state/ui-prefs';
import { flowViewPath } from '../flows/flow-views';
import { datasetTableApi } from '../datasets/datasets-api';
import { useOpenRun } from '../runs/use-open-run';
import { downloadText } from '../ui/download';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { evalsApi, type EvalRunSummary } from './evals-api';
import { Matrix } from './matrix';
import { setOverlay } from './overlay-store';
import { buildResults } from './results';
import { EvalRunsList } from './runs-list';
import { Progress, RunControls } from './run-controls';
import { useEvalRun } from './use-eval-run';
import './evals.css';

const Charts = lazy(() => import('./charts').then((m) => ({ default: m.ChartsPanel })));
const ComparisonTab = lazy(() => import('./charts').then((m) => ({ default: m.ComparisonTab })));

type Tab = 'matrix' | 'charts' | 'comparison';

/** What the headers say about a run without a report. */
const partialNote = (status: EvalRunSummary['status']) =>
  status === 'cancelled' ? 'before it was cancelled' : status === 'failed' ? 'before it failed' : status === 'done' ? '(no report)' : 'so far';

const param = (name: string) => new URLSearchParams(window.location.search).get(name) ?? undefined;

export function EvalsView({ flowId }: { flowId: string }) {
  const evals = useAsync(() => evalsApi.list(flowId), [flowId]);
  const [evalName, setEvalName] = useState(param('eval'));
  const current = evals.data?.find((e) => e.name === evalName) ?? evals.data?.[0];
  const name = current?.name;
  const definition = useAsync(() => (name ? evalsApi.getEval(name) : Promise.resolve(undefined)), [name]);
  const runs = useAsync(() => (name ? evalsApi.runs(name) : Promise.resolve([] as EvalRunSummary[])), [name]);
  const [picked, setPicked] = useState(param('run'));
  const runId = picked && runs.data?.some((r) => r.id === picked) ? picked : runs.data?.[0]?.id;
  const live = useEvalRun(runId);
  const [tab, setTab] = useState<Tab>('matrix');
  const opener = useOpenRun();

  // The eval and run are in the address, so a reload (or a shared link) shows the same run.
  useEffect(() => {
    const q = new URLSearchParams();
    if (name) q.set('eval', name);
    if (runId) q.set('run', runId);
    const next = `${flowViewPath(flowId, 'evals')}${q.size ? `?${q}` : ''}`;
    if (window.location.pathname + window.location.search !== next && window.location.pathname === flowViewPath(flowId, 'evals'))
      history.replaceState(null, '', next);
  }, [flowId, name, runId]);

  const detail = live.detail?.run.id === runId ? live.detail : undefined;
  // The items as they were when the run read them (its dataset hash), for each row's question.
  const dsName = detail?.run.dataset.name;
  const dsHash = detail?.run.dataset.hash;
  const dataset = useAsync(
    () => (dsName && dsHash ? datasetTableApi.get(dsName, dsHash.slice(0, 16)) : Promise.resolve(undefined)),
    [dsName, dsHash],
  );
  const itemsById = useMemo(() => new Map((dataset.data?.items ?? []).map((i) => [i.id, i])), [dataset.data]);
  // The runs list shows each run's status: read it again when the shown run changes state.
  const status = detail?.run.status;
  const reloadRuns = runs.reload;
  useEffect(() => {
    if (status) reloadRuns();
  }, [status, reloadRuns]);
  const def = definition.data?.definition;
  const results = useMemo(
    () => detail && buildResults(detail.report, detail.cells, current?.variants ?? []),
    [detail, current?.variants],
  );

  if (evals.error) return <ErrorState error={evals.error} retry={evals.reload} />;
  if (!evals.data) return <Loading what="evals" />;
  if (!current)
    return (
      <div className="evals-view">
        <Empty title="No evals for this flow yet">
          An eval is a file, <code>evals/&lt;name&gt;.eval.json</code>, naming this flow, a dataset and the variants to compare. <code>npm start</code> loads
          them into the worker; <code>PUT /v1/evals/&lt;name&gt;</code> stores one; <code>weir eval run</code> runs one locally.
        </Empty>
      </div>
    );

  const openCell = async (id: string) => {
    await opener.open(id);
    setOpen('inspector', true);
    navigate(flowViewPath(flowId, 'canvas'));
  };
  const showOnCanvas = () => {
    if (!detail || !results) return;
    setOverlay({ flowId, evalName: current.name, runId: detail.run.id, variant: results.variants[0], stats: detail.nodes });
    navigate(flowViewPath(flowId, 'canvas'));
  };
  const started = (run: EvalRunSummary) => {
    setPicked(run.id);
    runs.reload();
  };

  return (
    <div className="evals-view" data-testid="evals-view">
      <header className="evals-head">
        <label className="evals-pick">
          Eval
          <select className="input" data-testid="eval-pick" value={current.name} onChange={(e) => (setEvalName(e.target.value), setPicked(undefined))}>
            {evals.data.map((e) => (
              <option key={e.name}>{e.name}</option>
            ))}
          </select>
        </label>
        <div className="evals-about">
          <div>
            dataset <code>{current.dataset}</code>
            {def?.dataset.split ? ` (${def.dataset.split} split)` : ''} · {current.variants.length} variants: {current.variants.map((v) => <code key={v}>{v}</code>)}
          </div>
          {def?.description && <div className="muted evals-desc">{def.description}</div>}
        </div>
        <RunControls evalName={current.name} defaultRepeats={def?.repeats} onStarted={started} />
      </header>
      <div className="evals-body">
        <aside className="evals-runs" aria-label="Runs of this eval">
          <h3>Runs</h3>
          {runs.error ? <ErrorState error={runs.error} retry={runs.reload} /> : <EvalRunsList runs={(runs.data ?? []).map((r) => (r.id === detail?.run.id ? detail.run : r))} selected={runId} onSelect={setPicked} />}
        </aside>
        <main className="evals-main">
          {!runId ? (
            <Empty title="Not run yet">Press Run: every item runs through every variant in the worker, and the results appear here as they come.</Empty>
          ) : !detail || !results ? (
            live.error ? <ErrorState error={live.error} retry={live.reload} /> : <Loading what="the run" />
          ) : (
            <>
              <Progress run={detail.run} streaming={live.streaming} onCancelled={live.reload} />
              {live.error && <div className="field-help">{live.error}</div>}
              {opener.error && (
                <div className="field-error" role="alert">
                  Could not open the run: {opener.error}
                </div>
              )}
              <div className="evals-tabs row">
                <div className="tabs" role="tablist">
                  {(['matrix', 'charts', 'comparison'] as const).map((t) => (
                    <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'tab on' : 'tab'} data-testid={`eval-tab-${t}`} onClick={() => setTab(t)}>
                      {t === 'matrix' ? 'Matrix' : t === 'charts' ? 'Charts' : 'Comparison'}
                    </button>
                  ))}
                </div>
                <div className="grow" />
                {detail.report && (
                  <button
                    className="btn btn-small btn-ghost"
                    data-testid="eval-download-report"
                    title="The report as the CLI writes it with --format json"
                    onClick={() => downloadText(`${current.name}-${detail.run.id.slice(0, 8)}.report.json`, JSON.stringify(detail.report, null, 2) + '\n', 'application/json')}
                  >
                    Report JSON
                  </button>
                )}
                <button
                  className="btn btn-small"
                  data-testid="eval-show-on-canvas"
                  disabled={!Object.keys(detail.nodes).length}
                  title="Show each node's pass rate, latency, cost, fallback and branch rates from this run on the canvas"
                  onClick={showOnCanvas}
                >
                  Show on canvas
                </button>
              </div>
              {tab === 'matrix' && <Matrix results={results} report={detail.report} items={itemsById} partial={partialNote(detail.run.status)} onOpen={(id) => void openCell(id)} opening={opener.opening} />}
              <Suspense fallback={<Loading what="the charts" />}>
                {tab === 'charts' && <Charts results={results} />}
                {tab === 'comparison' && (
<ComparisonTab report={detail.report} requestsPerDay={def?.comparison?.requestsPerDay} />
                )}
              </Suspense>
            </>
          )}
        </main>
      </div>
    </div>
  );
}
