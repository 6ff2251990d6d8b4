// The inputs of a new job: dataset (with its splits), trainer, base model, method,
// hyperparameters, suffix, and the flow and fine-tuned node the model is meant for.
import type { Flow } from '../../engine';
import type { FlowSummary } from '../../api/types';
import { useProviders } from '../../state/use-providers';
import type { DatasetSummary } from '../runs/datasets-api';
import type { Trainer } from './finetunes-api';
import type { JobForm } from './job-form-state';
import type { Splits } from './dataset-splits';

interface Props {
  form: JobForm;
  set: (patch: Partial<JobForm>) => void;
  trainers: Trainer[];
  datasets: DatasetSummary[];
  flows: FlowSummary[];
  targetFlow?: Flow;
  splits?: Splits;
  datasetError?: string;
}

function Field({ id, label, help, children }: { id: string; label: string; help?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {help && <div className="field-help">{help}</div>}
    </div>
  );
}

export function JobFields({ form, set, trainers, datasets, flows, targetFlow, splits, datasetError }: Props) {
  const providers = useProviders();
  const trainer = trainers.find((t) => t.name === form.trainer);
  const finetunedNodes = targetFlow?.nodes.filter((n) => n.type === 'finetuned') ?? [];
  const models = [...new Set((providers ?? []).flatMap((p) => p.models))];
  const lora = trainer?.type === 'together' || trainer?.type === 'fireworks';
  const text = (k: keyof JobForm, placeholder = '') => ({
    id: `job-${k}`,
    className: 'input',
    value: String(form[k]),
    placeholder,
    'data-testid': `job-${k}`,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set({ [k]: e.target.value } as Partial<JobForm>),
  });
  return (
    <form className="card job-fields" onSubmit={(e) => e.preventDefault()} aria-label="Job settings">
      <h2 className="section-title">Data</h2>
      <Field
        id="job-dataset"
        label="Dataset"
        help={datasets.length ? undefined : 'No dataset yet: push one with weir dataset push, or add runs from the Runs panel.'}
      >
        <select {...text('dataset')}>
          <option value="">Choose a dataset…</option>
          {datasets.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name} ({d.items} items)
            </option>
          ))}
        </select>
      </Field>
      {datasetError && <div className="field-error">{datasetError}</div>}
      {splits && (
        <div className="split-line" data-testid="dataset-splits">
          <span className="pill pill-plain">{splits.train} train</span>
          <span className="pill pill-plain">{splits.validation} validation</span>
          <span className="pill pill-plain">{splits.test} test (kept out)</span>
          {splits.unsplit > 0 && <span className="pill pill-warn">{splits.unsplit} without a split</span>}
          {splits.noExpected > 0 && <span className="pill pill-warn">{splits.noExpected} without an expected answer</span>}
          {form.method === 'dpo' && splits.noRejected > 0 && (
            <span className="pill pill-warn">{splits.noRejected} without a rejected answer</span>
          )}
        </div>
      )}
      {splits && splits.train === 0 && (
        <div className="field-warn">
          The dataset has no train split: split it (weir dataset split) or include the items without a split.
        </div>
      )}
      {splits && splits.unsplit > 0 && (
        <label className="field-inline">
          <input type="checkbox" checked={form.includeUnsplit} onChange={(e) => set({ includeUnsplit: e.target.checked })} />
          Train on the items without a split too
        </label>
      )}

      <h2 className="section-title">Model</h2>
      <div className="two-col">
        <Field id="job-trainer" label="Trainer">
          <select {...text('trainer')}>
            {trainers.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.type}, {t.baseURL})
              </option>
            ))}
          </select>
        </Field>
        <Field id="job-method" label="Method">
          <select {...text('method')}>
            <option value="supervised">supervised</option>
            <option value="dpo">DPO (preference pairs)</option>
          </select>
        </Field>
      </div>
      <Field id="job-baseModel" label="Base model" help="The model to tune, as the trainer names it.">
        <input {...text('baseModel', 'e.g. gpt-4o-mini-2024-07-18')} list="job-base-models" spellCheck={false} autoComplete="off" />
        <datalist id="job-base-models">
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </Field>

      <h2 className="section-title">Hyperparameters</h2>
      <div className="hyper-grid">
        <Field id="job-epochs" label="Epochs">
          <input {...text('epochs', 'auto')} inputMode="numeric" />
        </Field>
        <Field id="job-batchSize" label="Batch size">
          <input {...text('batchSize', 'auto')} inputMode="numeric" />
        </Field>
        <Field id="job-learningRate" label={trainer?.type === 'openai' ? 'LR multiplier' : 'Learning rate'}>
          <input {...text('learningRate', 'auto')} inputMode="decimal" />
        </Field>
        {form.method === 'dpo' && (
          <Field id="job-beta" label="Beta">
            <input {...text('beta', 'auto')} inputMode="decimal" />
          </Field>
        )}
        {lora && (
          <Field id="job-loraRank" label="LoRA rank">
            <input {...text('loraRank', 'auto')} inputMode="numeric" />
          </Field>
        )}
      </div>
      <div className="two-col">
        <Field id="job-suffix" label="Suffix" help="Added to the tuned model's name.">
          <input {...text('suffix', 'e.g. x1000')} spellCheck={false} />
        </Field>
        <Field id="job-maxCost" label="Spending cap (USD)" help="Refuse to start above this estimate.">
          <input {...text('maxCost', 'none')} inputMode="decimal" />
        </Field>
      </div>

      <h2 className="section-title">For which node</h2>
      <p className="field-help">
        The job's model is adopted into this fine-tuned node, and the three-way comparison runs on its flow when the job succeeds.
      </p>
      <div className="two-col">
        <Field id="job-flowId" label="Flow">
          <select {...text('flowId')} onChange={(e) => set({ flowId: e.target.value, nodeId: '' })}>
            <option value="">No flow</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.id})
              </option>
            ))}
          </select>
        </Field>
        <Field id="job-nodeId" label="Fine-tuned node">
          <select {...text('nodeId')} disabled={!form.flowId}>
            <option value="">
              {form.flowId && targetFlow && !finetunedNodes.length ? 'This flow has no fine-tuned node' : 'Choose a node…'}
            </option>
            {finetunedNodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id} ({(n.data as { model?: string }).model})
              </option>
            ))}
          </select>
        </Field>
      </div>
    </form>
  );
}
