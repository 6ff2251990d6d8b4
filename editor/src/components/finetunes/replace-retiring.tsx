// "Replace retiring fine-tune": for a node whose model retires (or has), the worker evaluates
// candidate replacements (engineered prompts on current models, suggested from the node's
// provider unless named here; optionally a re-train elsewhere) against the node's dataset, with
// the current fine-tune as the baseline (POST /v1/finetunes/replacements). The comparison (pass
// rates, cost, recommendation) shows when the eval run ends; the latest one is found again later.
import { useEffect, useState } from 'react';
import { ApiError, request } from '../../api/client';
import type { FlowNode } from '../../engine';
import { navigate } from '../../router';
import { useEditor } from '../../state/use-editor';
import { useAsync } from '../ui/use-async';
import type { EvalRunSummary as RunSummary } from './eval-runs-api';
import { EvalRunSummary } from './eval-run-summary';
import { finetunesApi, type Job, type RegistryModel } from './finetunes-api';

interface ReplacementAnswer {
  run: RunSummary;
  candidates: { name?: string; model: string }[];
  suggested: boolean;
  retrain: { job: Job } | { error: { code: string; message: string } } | null;
}

const labelOf = (flow: string, node: string) => `${flow}/${node}`;

export function ReplaceRetiring({ flowId, node, model }: { flowId: string; node: FlowNode; model: RegistryModel }) {
  const [runId, setRunId] = useState<string>();
  const [open, setOpen] = useState(false);
  const [models, setModels] = useState('');
  const [retrainOn, setRetrainOn] = useState('');
  const [retrainBase, setRetrainBase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<ReplacementAnswer>();
  const trainers = useAsync(() => finetunesApi.trainers().catch(() => []), []);
  const ed = useEditor();

  // The latest replacement search for this node, if any (it is a stored eval run).
  useEffect(() => {
    let live = true;
    request<{ runs: RunSummary[] }>(`/v1/eval-runs?flow=${encodeURIComponent(flowId)}&limit=50`)
      .then(({ runs }) => {
        const last = runs.find((r) => r.source === 'replacement' && r.label === labelOf(flowId, node.id));
        if (live && last) setRunId((id) => id ?? last.id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [flowId, node.id]);

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // The worker evaluates the saved draft: unsaved edits are saved first.
      if (ed.dirty && !(await ed.save())) throw new Error('the draft could not be saved');
      const candidates = models
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((m) => ({ model: m }));
      const body = {
        flow: flowId,
        node: node.id,
        ...(candidates.length ? { candidates } : {}),
        ...(retrainOn && retrainBase ? { retrain: { trainer: retrainOn, baseModel: retrainBase } } : {}),
      };
      const a = await request<ReplacementAnswer>('/v1/finetunes/replacements', { method: 'POST', body });
      setAnswer(a);
      setRunId(a.run.id);
      setOpen(false);
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues.map((i) => i.message) : [];
      setError([(err as Error).message, ...issues.slice(0, 3)].join(' · '));
    } finally {
      setBusy(false);
    }
  };
  const retrain = answer?.retrain;
  return (
    <div className="replace-retiring" data-testid="replace-retiring">
      <p className="field-warn">
        {model.retirement === 'retired' ? `${model.model} retired on ${model.retiresAt}.` : `${model.model} retires on ${model.retiresAt}.`}{' '}
        Find out by measurement what replaces it on this node's dataset: engineered prompts on current models, or a re-train elsewhere.
      </p>
      {!open ? (
        <button className="btn btn-small btn-primary" onClick={() => setOpen(true)} data-testid="replace-open">
          {runId ? 'Compare replacements again…' : 'Replace retiring fine-tune…'}
        </button>
      ) : (
        <form className="replace-form" onSubmit={(e) => (e.preventDefault(), void start())} aria-label="Replacement candidates">
          <div className="field">
            <label className="field-label" htmlFor="replace-models">
              Candidate models
            </label>
            <input
              id="replace-models"
              className="input code"
              placeholder="suggested from the provider when empty"
              value={models}
              onChange={(e) => setModels(e.target.value)}
              data-testid="replace-models"
            />
            <div className="field-help">
              Each runs with the engineered prompt; the current fine-tune is the baseline while it still works.
            </div>
          </div>
          {!!trainers.data?.length && (
            <div className="field">
              <label className="field-label" htmlFor="replace-trainer">
                Also re-train elsewhere (optional)
              </label>
              <div className="row">
                <select id="replace-trainer" className="input" value={retrainOn} onChange={(e) => setRetrainOn(e.target.value)}>
                  <option value="">no re-train</option>
                  {trainers.data.map((t) => (
                    <option key={t.name} value={t.name}>
                      {t.name} ({t.type})
                    </option>
                  ))}
                </select>
                {retrainOn && (
                  <input
                    className="input code"
                    aria-label="Base model to re-train"
                    placeholder="base model"
                    value={retrainBase}
                    onChange={(e) => setRetrainBase(e.target.value)}
                  />
                )}
              </div>
            </div>
          )}
          <div className="row">
            <button className="btn btn-small btn-primary" disabled={busy} data-testid="replace-start">
              {busy ? 'Starting…' : ed.dirty ? 'Save and start the comparison' : 'Start the comparison'}
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="replace-error">
          {error}
        </p>
      )}
      {answer && (
        <p className="muted" data-testid="replace-candidates">
          {answer.suggested ? 'Suggested candidates' : 'Candidates'}: {answer.candidates.map((c) => c.name ?? c.model).join(', ')}
        </p>
      )}
      {retrain && 'job' in retrain && (
        <p className="field-ok">
          Re-training as{' '}
          <a
            href={`/finetunes/${retrain.job.id}`}
            onClick={(e) => (e.preventDefault(), navigate(`/finetunes/${encodeURIComponent(retrain.job.id)}`))}
          >
            {retrain.job.id}
          </a>
          ; it gets its own three-way comparison when it succeeds.
        </p>
      )}
      {retrain && 'error' in retrain && <p className="field-error">The re-train did not start: {retrain.error.message}</p>}
      {runId && <EvalRunSummary key={runId} runId={runId} title="Replacement candidates" compact />}
    </div>
  );
}
