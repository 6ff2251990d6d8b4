// Every fine-tuning job, newest first, refreshed while any is still running; and the model
// registry below it, with retirements flagged.
import { navigate } from '../../router';
import { Empty, ErrorState, Loading } from '../ui/states';
import { finetunesApi } from './finetunes-api';
import { jobEnded, money, when } from './job-format';
import { StatusPill } from './job-status';
import { RegistryTable } from './registry-table';
import { usePoll } from './use-poll';
import { useRegistry } from './use-registry';

export function JobList() {
  const registry = useRegistry();
  const jobs = usePoll(
    // A job that ended since the last read has a new registry entry.
    () =>
      finetunesApi
        .list()
        .then(
          (list) => (
            list.some((j) => j.fineTunedModel && !registry.models?.some((m) => m.model === j.fineTunedModel)) && registry.reload(),
            list
          ),
        ),
    [],
    3000,
    (list) => !list || list.some((j) => !jobEnded(j)),
  );
  const open = (id: string) => navigate(`/finetunes/${encodeURIComponent(id)}`);
  // What a job cost: the registry's figure for its model (billed, or trained tokens × price), else the estimate.
  const cost = (j: NonNullable<typeof jobs.data>[number]) => {
    const billed = registry.models?.find((m) => m.model === j.fineTunedModel)?.trainingCostUsd ?? j.trainingCostUsd;
    return billed !== null && billed !== undefined ? money(billed) : `≈${money(j.estimatedCostUsd)}`;
  };
  return (
    <section className="list-page finetunes" data-testid="finetunes">
      <div className="page-head">
        <div>
          <h1>Fine-tunes</h1>
          <p className="muted">Jobs started from datasets, followed to their model; every tuned model is in the registry below.</p>
        </div>
        <button className="btn btn-primary" onClick={() => navigate('/finetunes/new')} data-testid="new-job-button">
          New job…
        </button>
      </div>
      {jobs.error && !jobs.data && <ErrorState error={jobs.error} retry={jobs.reload} />}
      {!jobs.data && !jobs.error && <Loading what="jobs" />}
      {jobs.data?.length === 0 && (
        <Empty title="No fine-tuning job yet">
          Start one from a dataset's train split with "New job…", or from a fine-tuned node's inspector.
        </Empty>
      )}
      {!!jobs.data?.length && (
        <table className="table jobs-table" data-testid="jobs-table">
          <thead>
            <tr>
              <th>Job</th>
              <th>Status</th>
              <th>Base model</th>
              <th>Dataset</th>
              <th>For</th>
              <th>Cost</th>
              <th>Started</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr
                key={j.id}
                tabIndex={0}
                className="clickable"
                data-testid={`job-row-${j.id}`}
                onClick={() => open(j.id)}
                onKeyDown={(e) => e.key === 'Enter' && open(j.id)}
              >
                <td>
                  <strong>{j.suffix ?? j.id}</strong>
                  <div className="muted code">{j.fineTunedModel ?? j.id}</div>
                </td>
                <td>
                  <StatusPill status={j.status} raw={j.rawStatus} />
                </td>
                <td className="code nowrap">{j.baseModel}</td>
                <td className="nowrap">{j.datasetName ?? '—'}</td>
                <td className="nowrap">{j.target ? `${j.target.flow} › ${j.target.node}` : <span className="muted">—</span>}</td>
                <td className="num">{cost(j)}</td>
                <td className="nowrap muted">{when(j.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RegistryTable />
    </section>
  );
}
