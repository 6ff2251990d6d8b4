// Under a fine-tuned node's form in the inspector: the jobs trained for this node (with their
// status), a way to train a new one from a dataset, the Fine-tunes page, and, when the node's
// model retires within 30 days or has retired, "Replace retiring fine-tune".
import type { FlowNode } from '../../engine';
import { navigate } from '../../router';
import { useEditor } from '../../state/use-editor';
import { finetunesApi } from './finetunes-api';
import { jobEnded } from './job-format';
import { StatusPill } from './job-status';
import { ReplaceRetiring } from './replace-retiring';
import { usePoll } from './use-poll';
import { useRegistry } from './use-registry';
import './common.css';

export function FinetunedNodePanel({ node }: { node: FlowNode }) {
  const ed = useEditor();
  const flowId = ed.flow.id;
  const jobs = usePoll(
    () => finetunesApi.list(100).then((all) => all.filter((j) => j.target?.flow === flowId && j.target.node === node.id)),
    [flowId, node.id],
    5000,
    (list) => !!list?.some((j) => !jobEnded(j)),
  );
  const registry = useRegistry();
  const model = (node.data as { model?: string }).model;
  const entry = registry.models?.find((m) => m.model === model);
  const newJob = `/finetunes/new?flow=${encodeURIComponent(flowId)}&node=${encodeURIComponent(node.id)}`;
  return (
    <section className="inspector-section finetune-panel" data-testid="finetune-panel" aria-label="Fine-tuning">
      <h3 className="section-title">Fine-tuning</h3>
      {jobs.error && <p className="field-error">{jobs.error.message}</p>}
      {jobs.data?.length === 0 && <p className="muted">No job trained for this node yet.</p>}
      {!!jobs.data?.length && (
        <ul className="node-jobs">
          {jobs.data.slice(0, 5).map((j) => (
            <li key={j.id}>
              <a
                href={`/finetunes/${j.id}`}
                onClick={(e) => (e.preventDefault(), navigate(`/finetunes/${encodeURIComponent(j.id)}`))}
                data-testid={`node-job-${j.id}`}
              >
                {j.suffix ?? j.id}
              </a>{' '}
              <StatusPill status={j.status} raw={j.rawStatus} />
              {j.fineTunedModel && j.fineTunedModel === model && <span className="pill pill-ok">in use</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button className="btn btn-small" onClick={() => navigate(newJob)} data-testid="train-node">
          Train a model for this node…
        </button>
        <a href="/finetunes" className="muted" onClick={(e) => (e.preventDefault(), navigate('/finetunes'))}>
          All fine-tunes →
        </a>
      </div>
      {entry?.retirement && <ReplaceRetiring flowId={flowId} node={node} model={entry} />}
    </section>
  );
}
