// The Fine-tunes screen (top navigation): the jobs and the registry, a new job, or one job.
import { JobDetail } from './job-detail';
import { JobList } from './job-list';
import { NewJob } from './new-job';
import './common.css';
import './finetunes.css';

export function FinetunesPage({ job }: { job?: string }) {
  if (job === 'new') return <NewJob />;
  if (job) return <JobDetail key={job} id={job} />;
  return <JobList />;
}
