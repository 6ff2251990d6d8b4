// "Replace retiring fine-tune": for a node whose model retires (or has), the worker evaluates
// candidate replacements (engineered prompts on current models, a re-train elsewhere) against the
// node's dataset (POST /v1/finetunes/replacements); the comparison shows when the eval run ends.
import { useState } from 'react';
import { request } from '../../api/client';
import type { FlowNode } from '../../engine';
import { EvalRunSummary } from './eval-run-summary';
import type { RegistryModel } from './finetunes-api';

interface ReplacementAnswer {
  evalRunId?: string;
  run?: { id: string };
  replacement?: { evalRunId?: string; run?: { id: string } };
}

const KEY = (flow: string, node: string) => `weir.replacement.${flow}.${node}`;
const runIdOf = (a: ReplacementAnswer) => a.run?.id ?? a.evalRunId ?? a.replacement?.run?.id ?? a.replacement?.evalRunId;

export function ReplaceRetiring({ flowId, node, model }: { flowId: string; node: FlowNode; model: RegistryModel }) {
  // The last search for this node stays on screen across visits (it is a stored eval run).
  const [runId, setRunId] = useState<string | null>(() => sessionStorage.getItem(KEY(flowId, node.id)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await request<ReplacementAnswer>('/v1/finetunes/replacements', {
        method: 'POST',
        body: { flow: flowId, node: node.id },
      });
      const id = runIdOf(answer);
      if (!id) throw new Error('the worker started no eval run');
      sessionStorage.setItem(KEY(flowId, node.id), id);
      setRunId(id);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="replace-retiring" data-testid="replace-retiring">
      <p className="field-warn">
        {model.retirement === 'retired' ? `${model.model} retired on ${model.retiresAt}.` : `${model.model} retires on ${model.retiresAt}.`}{' '}
        Find out by measurement what replaces it: engineered prompts on current models, or a re-train elsewhere, on this node's dataset.
      </p>
      <button className="btn btn-small btn-primary" disabled={busy} onClick={() => void start()} data-testid="replace-start">
        {busy ? 'Starting…' : runId ? 'Compare again' : 'Replace retiring fine-tune…'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {runId && <EvalRunSummary runId={runId} title="Replacement candidates" compact />}
    </div>
  );
}
