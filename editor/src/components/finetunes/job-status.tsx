// A job's status as a pill, and its progress through validating, queued, running and the end.
import type { Job } from './finetunes-api';
import { JOB_STEPS, statusTone } from './job-format';

export const StatusPill = ({ status, raw }: { status: string; raw?: string | null }) => (
  <span
    className={`pill status-pill tone-${statusTone(status)}`}
    title={raw ? `provider status: ${raw}` : undefined}
    data-testid="job-status"
  >
    {status}
  </span>
);

export function JobSteps({ job, trained }: { job: Job; trained: boolean }) {
  const ended = job.status === 'failed' || job.status === 'cancelled';
  const at = JOB_STEPS.indexOf(job.status as (typeof JOB_STEPS)[number]);
  return (
    <ol className="job-steps" aria-label="Progress">
      {JOB_STEPS.map((s, i) => {
        const last = i === JOB_STEPS.length - 1;
        const label = last && ended ? job.status : s;
        // An ended job went through every step before training if it reported a loss; else only validation is certain.
        const state = ended
          ? last
            ? 'bad'
            : i === 0 || trained
              ? 'done'
              : 'todo'
          : i < at || (i === at && job.status === 'succeeded')
            ? 'done'
            : i === at
              ? 'now'
              : 'todo';
        return (
          <li key={s} className={`job-step step-${state}`} aria-current={state === 'now' ? 'step' : undefined}>
            <span className="job-step-dot" aria-hidden />
            {label}
          </li>
        );
      })}
    </ol>
  );
}
