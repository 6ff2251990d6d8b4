// "Evaluate a sample of live traffic": the share of runs checked and the assertions (and judge)
// applied to them, stored as eval scores per run and compared per arm. Prefilled from the flow's
// eval file with the checks that need no expected answer (live traffic has none).
import { useEffect } from 'react';
import { request } from '../../api/client';
import type { ExperimentInput } from './experiments-api';

export interface EvaluateState {
  on: boolean;
  sample: string;
  /** JSON: a list of assertions. */
  assertions: string;
  judgeModel?: string;
}

/** Checks that need no reference answer. */
const LIVE_TYPES = new Set([
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'starts-with',
  'regex',
  'is-json',
  'json-schema',
  'cel',
  'node',
  'latency',
  'cost',
]);

export function evaluateOf(v: EvaluateState): ExperimentInput['evaluate'] | undefined {
  try {
    const assertions = JSON.parse(v.assertions) as unknown;
    if (!Array.isArray(assertions) || assertions.length === 0) return undefined;
    return {
      sample: Number(v.sample) / 100,
      assertions: assertions as NonNullable<ExperimentInput['evaluate']>['assertions'],
      ...(v.judgeModel ? { judge: { model: v.judgeModel } } : {}),
    };
  } catch {
    return undefined;
  }
}

export function useEvaluateDefaults(flowId: string, v: EvaluateState, set: (v: EvaluateState) => void): void {
  useEffect(() => {
    if (!v.on || v.assertions) return;
    let live = true;
    const fallback = JSON.stringify([{ type: 'latency', threshold: 10000 }], null, 1);
    request<{ evals: { name: string }[] }>(`/v1/evals?flow=${encodeURIComponent(flowId)}`)
      .then(async ({ evals }) => {
        if (!evals[0]) return fallback;
        const { eval: e } = await request<{ eval: { definition: { assert?: { type: string }[] } } }>(
          `/v1/evals/${encodeURIComponent(evals[0].name)}`,
        );
        const usable = (e.definition.assert ?? []).filter((a) => LIVE_TYPES.has(a.type));
        return usable.length ? JSON.stringify(usable, null, 1) : fallback;
      })
      .catch(() => fallback)
      .then((assertions) => live && set({ ...v, assertions }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fill once, when turned on
  }, [v.on, flowId]);
}

export function EvaluateFields({ value: v, onChange }: { value: EvaluateState; onChange: (v: EvaluateState) => void }) {
  return (
    <div className="field evaluate-fields">
      <label className="field-inline">
        <input type="checkbox" checked={v.on} onChange={(e) => onChange({ ...v, on: e.target.checked })} data-testid="exp-evaluate" />
        Evaluate a sample of live traffic with assertions (per-arm pass rate, compared with the control)
      </label>
      {v.on && (
        <div className="two-col">
          <div className="field">
            <label className="field-label" htmlFor="exp-eval-assertions">
              Assertions (JSON, as in an eval file)
            </label>
            <textarea
              id="exp-eval-assertions"
              className="input code"
              rows={5}
              value={v.assertions}
              onChange={(e) => onChange({ ...v, assertions: e.target.value })}
              spellCheck={false}
            />
          </div>
          <div>
            <div className="field">
              <label className="field-label" htmlFor="exp-eval-sample">
                Share of runs evaluated (%)
              </label>
              <input
                id="exp-eval-sample"
                className="input input-narrow"
                type="number"
                min={0}
                max={100}
                value={v.sample}
                onChange={(e) => onChange({ ...v, sample: e.target.value })}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="exp-eval-judge">
                Judge model (for llm-rubric)
              </label>
              <input
                id="exp-eval-judge"
                className="input code"
                placeholder="none"
                value={v.judgeModel ?? ''}
                onChange={(e) => onChange({ ...v, judgeModel: e.target.value || undefined })}
              />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
