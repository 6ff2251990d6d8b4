// Starting a fine-tuning job from a dataset: pick the dataset (the worker exports its train and
// validation splits in the trainer's shape; the test split is never sent), trainer, base model,
// method, hyperparameters, suffix and the fine-tuned node the model is for. The worker's estimate
// (POST /v1/finetunes/validate) is shown for exactly these inputs before "Start" is possible.
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Problem } from '../../engine';
import { api } from '../../api/endpoints';
import { navigate } from '../../router';
import { datasetsApi } from '../runs/datasets-api';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { EstimatePanel } from './estimate-panel';
import { finetunesApi, type Validation } from './finetunes-api';
import { emptyForm, formProblems, jobRequest, type JobForm } from './job-form-state';
import { JobFields } from './job-fields';
import { loadDataset, splitsOf } from './dataset-splits';

const search = () => new URLSearchParams(window.location.search);

export function NewJob() {
  const [form, setForm] = useState<JobForm>(() =>
    emptyForm({ flowId: search().get('flow') ?? '', nodeId: search().get('node') ?? '', dataset: search().get('dataset') ?? '' }),
  );
  const set = (patch: Partial<JobForm>) => setForm((f) => ({ ...f, ...patch }));
  const trainers = useAsync(() => finetunesApi.trainers(), []);
  const datasets = useAsync(() => datasetsApi.list(), []);
  const flows = useAsync(() => api.listFlows(), []);
  const target = useAsync(() => (form.flowId ? api.getFlow(form.flowId).then((a) => a.flow) : Promise.resolve(undefined)), [form.flowId]);
  const dataset = useAsync(() => (form.dataset ? loadDataset(form.dataset) : Promise.resolve(undefined)), [form.dataset]);
  const node = target.data?.nodes.find((n) => n.id === form.nodeId);
  const nodeData = node?.data as { baseModel?: string } | undefined;

  // Sensible starts: the only trainer, the target node's base model, a suffix from the dataset.
  useEffect(() => {
    if (!form.trainer && trainers.data?.length) set({ trainer: trainers.data[0].name });
  }, [trainers.data, form.trainer]);
  useEffect(() => {
    if (nodeData?.baseModel && !form.baseModel) set({ baseModel: nodeData.baseModel });
  }, [nodeData?.baseModel, form.baseModel]);
  useEffect(() => {
    if (form.dataset && !form.suffix) set({ suffix: form.dataset.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dataset changes
  }, [form.dataset]);

  const trainer = trainers.data?.find((t) => t.name === form.trainer);
  const splits = useMemo(() => (dataset.data ? splitsOf(dataset.data.items) : undefined), [dataset.data]);
  const local = formProblems(form);
  const ready = !!(trainer && form.baseModel.trim() && !local.length && dataset.data);
  const body = ready ? jobRequest(form, dataset.data!.hash) : undefined;
  const key = body ? JSON.stringify(body) : '';

  // The estimate follows the inputs: asked again (debounced) whenever they change.
  const [estimate, setEstimate] = useState<{ key: string; result?: Validation; error?: string; issues?: Problem[] }>();
  useEffect(() => {
    if (!body) return setEstimate(undefined);
    let live = true;
    const t = setTimeout(() => {
      finetunesApi.validate(body).then(
        (result) => live && setEstimate({ key, result }),
        (err: Error) => live && setEstimate({ key, error: err.message, issues: err instanceof ApiError ? err.issues : [] }),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the body
  }, [key]);

  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string>();
  const current = estimate?.key === key ? estimate : undefined;
  const canStart = !!body && !!current?.result?.valid && !starting;
  const start = async () => {
    if (!body) return;
    setStarting(true);
    setStartError(undefined);
    try {
      const started = await finetunesApi.start(body);
      navigate(`/finetunes/${encodeURIComponent(started.job.id)}`);
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`) : [];
      setStartError([(err as Error).message, ...issues.slice(0, 5)].join(' · '));
      setStarting(false);
    }
  };

  if (trainers.error) return <ErrorState error={trainers.error} retry={trainers.reload} />;
  if (!trainers.data || !datasets.data) return <Loading what="trainers and datasets" />;
  return (
    <div className="new-job" data-testid="new-job">
      <div className="page-head">
        <div>
          <a href="/finetunes" className="muted" onClick={(e) => (e.preventDefault(), navigate('/finetunes'))}>
            ← Fine-tunes
          </a>
          <h1>New fine-tuning job</h1>
          <p className="muted">From a dataset's train and validation splits; the test split stays out, for the comparison afterwards.</p>
        </div>
      </div>
      {trainers.data.length === 0 ? (
        <div className="state state-empty" data-testid="no-trainers">
          <strong>No trainer is configured.</strong>
          <div>
            Add <code>TRAINERS</code> to <code>.dev.vars</code> (or the worker's variables), e.g.{' '}
            <code>{'{"openai": {"type": "openai", "baseURL": "https://api.openai.com/v1", "apiKeyVar": "OPENAI_API_KEY"}}'}</code>, then
            restart. The README's Fine-tuning section lists OpenAI, Azure OpenAI, Together and Fireworks.
          </div>
        </div>
      ) : (
        <div className="new-job-grid">
          <JobFields
            form={form}
            set={set}
            trainers={trainers.data}
            datasets={datasets.data}
            flows={flows.data ?? []}
            targetFlow={target.data}
            splits={splits}
            datasetError={dataset.error?.message}
          />
          <EstimatePanel
            waiting={!!body && !current}
            result={current?.result}
            error={current?.error}
            issues={current?.issues}
            local={local}
            incomplete={!body && !local.length}
            canStart={canStart}
            starting={starting}
            startError={startError}
            onStart={() => void start()}
          />
        </div>
      )}
    </div>
  );
}
