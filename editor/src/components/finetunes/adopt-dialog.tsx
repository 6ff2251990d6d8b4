// "Adopt into draft": after a confirmation, the job's model id goes into its fine-tuned node as
// a new draft of the flow (POST /v1/finetunes/:id/adopt). Nothing is published: production keeps
// serving its version until someone publishes the draft in Releases. The canvas then opens on it.
import { useState } from 'react';
import { filesWritable, saveFlow } from '../../api/save-flow';
import { parseFlow, validateFlow } from '../../engine';
import { navigate } from '../../router';
import { Dialog } from '../ui/dialog';
import { finetunesApi, type Job } from './finetunes-api';

export function AdoptDialog({ job, onClose }: { job: Job; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const target = job.target;
  const adopt = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const done = await finetunesApi.adopt(job.id);
      // In development the flow file is written too (as the editor's Save does), so git sees the change.
      const parsed = parseFlow(done.draft);
      if (filesWritable() && parsed.flow) await saveFlow(parsed.flow, validateFlow(parsed.flow));
      onClose();
      navigate(`/flows/${encodeURIComponent(done.flow)}?node=${encodeURIComponent(done.node)}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <Dialog title="Adopt the model into a draft" onClose={onClose} testId="adopt-dialog">
      <p>
        Writes <code>{job.fineTunedModel}</code> into node <code>{target?.node}</code> of flow <code>{target?.flow}</code> as a new draft
        (and its base model, <code>{job.baseModel}</code>).
      </p>
      <p className="muted">
        Nothing is published: the edge URL keeps serving the current version. Review the draft on the canvas, then publish it in Releases
        (or run an experiment against the current version first).
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        <button className="btn" onClick={onClose}>
          Cancel
        </button>
        <button className="btn btn-primary" disabled={busy} onClick={() => void adopt()} data-testid="adopt-confirm" data-autofocus>
          {busy ? 'Adopting…' : 'Adopt into draft'}
        </button>
      </div>
    </Dialog>
  );
}
