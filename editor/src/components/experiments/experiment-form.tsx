// Creating an experiment on this flow: arms (each a published version or a label, with a weight),
// where the subject comes from, an optional shadow candidate, the guardrail and the minimum
// sample; created as a draft, or created and started at once.
import { useState } from 'react';
import type { ReleaseInfo } from '../../state/releases';
import { useEditor } from '../../state/use-editor';
import { ApiError } from '../../api/client';
import { EvaluateFields, evaluateOf, useEvaluateDefaults, type EvaluateState } from './evaluate-fields';
import { experimentsApi, type Experiment, type ExperimentInput } from './experiments-api';
import { ArmsFieldset, armNameOf } from './arms-fieldset';
import { formProblems, type ArmInput as ArmRow } from './form-checks';

function defaultArms(info: ReleaseInfo | undefined): ArmRow[] {
  const versions = (info?.versions ?? []).map((v) => String(v.version));
  const prod = info?.labels.production !== undefined ? String(info.labels.production) : versions[0];
  const latest = versions[versions.length - 1];
  const a = prod ?? '1';
  const b = latest && latest !== a ? latest : (versions.find((v) => v !== a) ?? '2');
  return [
    { name: armNameOf(a), ref: a, weight: '50' },
    { name: armNameOf(b), ref: b, weight: '50' },
  ];
}

export function ExperimentForm({
  flowId,
  onCreated,
  onCancel,
}: {
  flowId: string;
  onCreated: (e: Experiment) => void;
  onCancel: () => void;
}) {
  const ed = useEditor();
  const info = ed.releases.info;
  const [id, setId] = useState(`${flowId.slice(0, 40)}-exp-${new Date().toISOString().slice(5, 10).replace('-', '')}`);
  const [description, setDescription] = useState('');
  const [arms, setArms] = useState<ArmRow[]>(() => defaultArms(info));
  const [subjectField, setSubjectField] = useState('');
  const [shadowOn, setShadowOn] = useState(false);
  const [shadowRef, setShadowRef] = useState('');
  const [shadowSample, setShadowSample] = useState('10');
  const [maxErrorRate, setMaxErrorRate] = useState('50');
  const [minRuns, setMinRuns] = useState('20');
  const [minSamples, setMinSamples] = useState('30');
  const [evaluate, setEvaluate] = useState<EvaluateState>({ on: false, sample: '20', assertions: '' });
  useEvaluateDefaults(flowId, evaluate, setEvaluate);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const refs = [
    ...Object.keys(info?.labels ?? {}).map((l) => ({ value: l, label: `${l} (label → v${info!.labels[l]})` })),
    ...[...(info?.versions ?? [])]
      .reverse()
      .map((v) => ({ value: String(v.version), label: `v${v.version}${v.note ? ` — ${v.note}` : ''}` })),
  ];
  const inputFields = Object.keys((ed.flow.input as { fields?: Record<string, unknown> } | undefined)?.fields ?? {});

  const body = (): ExperimentInput => ({
    id,
    flowId,
    ...(description.trim() ? { description: description.trim() } : {}),
    arms: arms.map((a) => ({ name: a.name, ref: a.ref, weight: Number(a.weight) })),
    ...(subjectField ? { subjectField } : {}),
    ...(shadowOn && shadowRef ? { shadow: { ref: shadowRef, sample: Number(shadowSample) / 100 } } : {}),
    guardrail: { maxErrorRate: Number(maxErrorRate) / 100, minRuns: Number(minRuns) },
    minSamples: Number(minSamples),
    ...(evaluate.on ? { evaluate: evaluateOf(evaluate) } : {}),
  });
  const problems = [
    ...formProblems({
      id,
      arms,
      shadow: shadowOn ? { ref: shadowRef, sample: shadowSample } : undefined,
      maxErrorRate,
      minRuns,
      minSamples,
      evalSample: evaluate.on ? evaluate.sample : undefined,
    }),
    ...(evaluate.on && !evaluateOf(evaluate)
      ? ['evaluate: the assertions are a JSON list of assertions, e.g. [{"type": "icontains", "value": "E5"}]']
      : []),
  ];

  const create = async (startNow: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      let exp = await experimentsApi.create(body());
      if (startNow) exp = await experimentsApi.start(exp.id, exp.version);
      onCreated(exp);
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues.map((i) => `${i.path}: ${i.message}`) : [];
      setError([(err as Error).message, ...issues.slice(0, 6)].filter((x, i, all) => all.indexOf(x) === i).join(' · '));
      setBusy(false);
    }
  };

  if (info && info.versions.length === 0)
    return (
      <div className="state state-empty" data-testid="experiment-needs-versions">
        <strong>Publish a version first.</strong>
        <div>
          An experiment splits traffic between published versions (or labels). Publish the draft in Releases, change it, publish again.
        </div>
      </div>
    );
  return (
    <form
      className="card experiment-form"
      onSubmit={(e) => (e.preventDefault(), void create(true))}
      data-testid="experiment-form"
      aria-label="New experiment"
    >
      <h2 className="section-title">New experiment</h2>
      <div className="two-col">
        <div className="field">
          <label className="field-label" htmlFor="exp-id">
            Id
          </label>
          <input id="exp-id" className="input code" value={id} onChange={(e) => setId(e.target.value)} data-testid="exp-id" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="exp-description">
            Description
          </label>
          <input
            id="exp-description"
            className="input"
            value={description}
            placeholder="e.g. engineered prompt (v1) against fine-tuned model (v2)"
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
      </div>

      <ArmsFieldset arms={arms} setArms={setArms} refs={refs} />

      <div className="two-col">
        <div className="field">
          <label className="field-label" htmlFor="exp-subject">
            Subject (who keeps an arm)
          </label>
          <select
            id="exp-subject"
            className="input"
            value={subjectField}
            onChange={(e) => setSubjectField(e.target.value)}
            data-testid="exp-subject"
          >
            <option value="">Weir-Subject header, else the caller's key</option>
            {inputFields.map((f) => (
              <option key={f} value={f}>
                Input field "{f}" (when no Weir-Subject header)
              </option>
            ))}
          </select>
          <div className="field-help">
            The arm is hash(salt + subject): the same subject always gets the same arm, with no stored state.
          </div>
        </div>
        <div className="field">
          <span className="field-label">Shadow candidate</span>
          <label className="field-inline">
            <input type="checkbox" checked={shadowOn} onChange={(e) => setShadowOn(e.target.checked)} data-testid="exp-shadow" /> Also run a
            candidate in the background (logged, never answers)
          </label>
          {shadowOn && (
            <div className="row">
              <select
                className="input"
                aria-label="Shadow version or label"
                value={shadowRef}
                onChange={(e) => setShadowRef(e.target.value)}
              >
                <option value="">Choose…</option>
                {refs.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              <input
                className="input input-narrow"
                type="number"
                min={0}
                max={100}
                aria-label="Shadow sample percent"
                value={shadowSample}
                onChange={(e) => setShadowSample(e.target.value)}
              />
              <span className="muted">% of subjects</span>
            </div>
          )}
        </div>
      </div>

      <div className="hyper-grid">
        <div className="field">
          <label className="field-label" htmlFor="exp-max-error">
            Guardrail: stop an arm above
          </label>
          <div className="row">
            <input
              id="exp-max-error"
              className="input input-narrow"
              type="number"
              min={0}
              max={100}
              value={maxErrorRate}
              onChange={(e) => setMaxErrorRate(e.target.value)}
              data-testid="exp-max-error"
            />
            <span className="muted">% errors</span>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="exp-min-runs">
            …after at least
          </label>
          <div className="row">
            <input
              id="exp-min-runs"
              className="input input-narrow"
              type="number"
              min={1}
              value={minRuns}
              onChange={(e) => setMinRuns(e.target.value)}
            />
            <span className="muted">runs</span>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="exp-min-samples">
            Verdicts from
          </label>
          <div className="row">
            <input
              id="exp-min-samples"
              className="input input-narrow"
              type="number"
              min={1}
              value={minSamples}
              onChange={(e) => setMinSamples(e.target.value)}
              data-testid="exp-min-samples"
            />
            <span className="muted">runs per arm</span>
          </div>
        </div>
      </div>

      <EvaluateFields value={evaluate} onChange={setEvaluate} />

      {problems.length > 0 && (
        <ul className="problems-inline" data-testid="exp-problems">
          {problems.map((p) => (
            <li key={p} className="problem-line sev-error">
              {p}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="exp-error">
          {error}
        </p>
      )}
      <div className="row end">
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || problems.length > 0}
          onClick={() => void create(false)}
          data-testid="exp-create-draft"
        >
          Create as draft
        </button>
        <button className="btn btn-primary" disabled={busy || problems.length > 0} data-testid="exp-create-start">
          Create and start
        </button>
      </div>
    </form>
  );
}
