// The fake trainers' shared core: uploaded files (checked the way providers check them), jobs
// that advance one scripted stage each time they are read (fast and deterministic), events and
// checkpoints with losses as stages are reached. Wire shapes live in fake-finetune.ts.
export type Stage = 'validating' | 'queued' | 'running' | 'finishing' | 'succeeded' | 'failed' | 'cancelling' | 'cancelled';

export interface FakeFile {
  id: string;
  filename: string;
  bytes: number;
  createdAt: number;
  purpose: string;
  lines: number;
  /** Why the provider rejects the file, when it does. */
  problem?: string;
}

export interface FakeJob {
  id: string;
  shape: 'openai' | 'together' | 'fireworks';
  kind: 'sft' | 'dpo';
  model: string;
  trainingFile: string;
  validationFile?: string;
  suffix?: string;
  epochs: number;
  createdAt: number;
  plan: Stage[];
  at: number;
  stage: Stage;
  step: number;
  events: { id: string; at: number; level: 'info' | 'warn' | 'error'; message: string; type: string }[];
  checkpoints: { step: number; at: number; trainLoss: number; validLoss: number }[];
  error?: { code: string; message: string };
  fineTunedModel?: string;
  body: unknown;
}

const now = () => Math.floor(Date.now() / 1000);
let counter = 0;
export const fakeId = (prefix: string) => `${prefix}${(++counter).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;

/** A file's problem the way providers report it: the first bad line. */
export function checkFile(text: string, kind: 'sft' | 'dpo' | 'any' = 'any'): { lines: number; problem?: string } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return { lines: 0, problem: 'The file is empty.' };
  for (const [i, line] of lines.entries()) {
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { lines: lines.length, problem: `Line ${i + 1} is not valid JSON.` };
    }
    const isDpo = typeof row.input === 'object' && Array.isArray(row.preferred_output) && Array.isArray(row.non_preferred_output);
    const messages = row.messages;
    const isSft = Array.isArray(messages) && messages.some((m) => (m as { role?: string }).role === 'assistant');
    if (isSft && (messages as { role?: string; content?: unknown }[]).some((m) => m.role === 'assistant' && m.content === ''))
      return { lines: lines.length, problem: `Line ${i + 1}: an assistant message has empty content.` };
    if ((kind === 'sft' && !isSft) || (kind === 'dpo' && !isDpo) || (kind === 'any' && !isSft && !isDpo))
      return {
        lines: lines.length,
        problem: `Line ${i + 1}: expected ${kind === 'dpo' ? 'input, preferred_output and non_preferred_output' : 'a "messages" list with an assistant message'}.`,
      };
  }
  return { lines: lines.length };
}

/** Plans scripted through the control API, by base model (POST /__control/finetune/plan). */
export const scriptedPlans = new Map<string, Stage[]>();

/** Stages by scenario: scripted for the base model, else chosen by its name (like the chat fake's model conventions). */
function planFor(model: string, file: FakeFile | undefined): Stage[] {
  if (file?.problem) return ['validating', 'failed'];
  const scripted = scriptedPlans.get(model);
  if (scripted) return scripted;
  if (model.includes('fake-ft-fail')) return ['validating', 'queued', 'running', 'failed'];
  if (model.includes('fake-ft-slow')) return ['validating', 'queued', ...Array<Stage>(40).fill('running'), 'finishing', 'succeeded'];
  return ['validating', 'queued', 'running', 'running', 'running', 'finishing', 'succeeded'];
}

export function newJob(
  init: Omit<FakeJob, 'plan' | 'at' | 'stage' | 'step' | 'events' | 'checkpoints' | 'createdAt'>,
  file: FakeFile | undefined,
): FakeJob {
  const job: FakeJob = {
    ...init,
    createdAt: now(),
    plan: planFor(init.model, file),
    at: 0,
    stage: 'validating',
    step: 0,
    events: [],
    checkpoints: [],
  };
  event(job, 'info', `Created fine-tuning job: ${job.id}`, 'job_pending');
  event(job, 'info', `Validating training file: ${job.trainingFile}`, 'validating');
  return job;
}

function event(job: FakeJob, level: 'info' | 'warn' | 'error', message: string, type: string) {
  job.events.push({ id: `${job.id}-ev${job.events.length + 1}`, at: now(), level, message, type });
}

function enter(job: FakeJob, stage: Stage, file: FakeFile | undefined) {
  job.stage = stage;
  if (stage === 'queued') event(job, 'info', 'Files validated, moving job to queued state', 'job_queued');
  if (stage === 'running') {
    job.step += 10;
    const trainLoss = Math.round(1000 * (2 / (1 + job.step / 10))) / 1000;
    const validLoss = Math.round(1000 * (trainLoss + 0.1)) / 1000;
    job.checkpoints.push({ step: job.step, at: now(), trainLoss, validLoss });
    event(job, 'info', `Step ${job.step}: training loss=${trainLoss}`, 'metrics');
  }
  if (stage === 'finishing') event(job, 'info', 'Uploading the trained model', 'model_uploading');
  if (stage === 'succeeded') {
    job.fineTunedModel = fineTunedName(job);
    event(job, 'info', `New fine-tuned model created: ${job.fineTunedModel}`, 'job_complete');
  }
  if (stage === 'failed') {
    job.error = file?.problem
      ? { code: 'invalid_training_file', message: `The training file ${job.trainingFile} is invalid: ${file.problem}` }
      : { code: 'training_error', message: 'Fine-tuning failed during training (fake failure).' };
    event(job, 'error', job.error.message, 'job_error');
  }
  if (stage === 'cancelled') event(job, 'info', 'Fine-tuning job cancelled', 'job_cancelled');
}

function fineTunedName(job: FakeJob): string {
  const tag = job.suffix ?? 'weir';
  if (job.shape === 'openai') return `ft:${job.model}:fake-org:${tag}:${job.id.slice(-8)}`;
  if (job.shape === 'together') return `fake-org/${job.model.split('/').pop()}-${tag}-${job.id.slice(-6)}`;
  return job.fineTunedModel ?? `accounts/fake/models/${tag}-${job.id.slice(-6)}`;
}

/** Reading a job moves it one stage on, until it ends. */
export function advance(job: FakeJob, file: FakeFile | undefined): void {
  if (job.stage === 'cancelling') return enter(job, 'cancelled', file);
  if (['succeeded', 'failed', 'cancelled'].includes(job.stage)) return;
  if (job.at + 1 < job.plan.length) {
    job.at += 1;
    enter(job, job.plan[job.at], file);
  }
}

/** Cancelling a job that has ended is refused by every provider. */
export function cancel(job: FakeJob, immediate: boolean): boolean {
  if (['succeeded', 'failed', 'cancelled'].includes(job.stage)) return false;
  if (immediate) {
    job.stage = 'cancelled';
    event(job, 'info', 'Fine-tuning job cancelled', 'job_cancelled');
  } else {
    job.stage = 'cancelling';
    event(job, 'info', 'Cancel requested', 'cancel_requested');
  }
  return true;
}

export const terminal = (job: FakeJob) => ['succeeded', 'failed', 'cancelled'].includes(job.stage);
