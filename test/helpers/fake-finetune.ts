// Fake fine-tuning endpoints for tests, in three wire shapes: OpenAI's (/files,
// /fine_tuning/jobs), Together's (/files/upload, /fine-tunes) and Fireworks'
// (/accounts/{id}/datasets, supervisedFineTuningJobs, dpoJobs). Jobs advance one stage each time
// they are read (fake-finetune-jobs.ts). Mounted into fake-openai.ts; the key "fake-bad-key" is refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { advance, cancel, checkFile, fakeId, newJob, scriptedPlans, type FakeFile, type FakeJob, type Stage } from './fake-finetune-jobs';

type Json = Record<string, unknown>;
const openaiStatus: Record<Stage, string> = {
  validating: 'validating_files',
  queued: 'queued',
  running: 'running',
  finishing: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelling: 'running',
  cancelled: 'cancelled',
};
const togetherStatus: Record<Stage, string> = {
  validating: 'pending',
  queued: 'queued',
  running: 'running',
  finishing: 'uploading',
  succeeded: 'completed',
  failed: 'error',
  cancelling: 'cancel_requested',
  cancelled: 'cancelled',
};
const fireworksState: Record<Stage, string> = {
  validating: 'JOB_STATE_VALIDATING',
  queued: 'JOB_STATE_PENDING',
  running: 'JOB_STATE_RUNNING',
  finishing: 'JOB_STATE_WRITING_RESULTS',
  succeeded: 'JOB_STATE_COMPLETED',
  failed: 'JOB_STATE_FAILED',
  cancelling: 'JOB_STATE_CANCELLING',
  cancelled: 'JOB_STATE_CANCELLED',
};
const iso = (s: number) => new Date(s * 1000).toISOString();

export interface FinetuneRecord {
  method: string;
  path: string;
  query: string;
  authorization?: string;
  apiKeyHeader?: string;
  body: unknown;
}

export function createFakeFinetune() {
  const files = new Map<string, FakeFile>();
  const jobs = new Map<string, FakeJob>();
  const datasets = new Map<string, { name: string; state: string; file?: FakeFile; displayName?: string }>();
  let requests: FinetuneRecord[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const oaiError = (res: ServerResponse, status: number, message: string, code: string | null = null) =>
    send(res, status, { error: { message, type: 'invalid_request_error', param: null, code } });
  const fwError = (res: ServerResponse, status: number, message: string) =>
    send(res, status, { code: status === 404 ? 5 : 3, message, details: [] });

  // ---- OpenAI shape
  const openaiFile = (f: FakeFile) => ({
    id: f.id,
    object: 'file',
    bytes: f.bytes,
    created_at: f.createdAt,
    filename: f.filename,
    purpose: f.purpose,
    status: 'processed',
    status_details: null,
    Processed: true,
    FileType: 'jsonl',
    LineCount: f.lines,
  });
  const openaiJob = (j: FakeJob) => ({
    id: j.id,
    object: 'fine_tuning.job',
    model: j.model,
    created_at: j.createdAt,
    finished_at: ['succeeded', 'failed', 'cancelled'].includes(j.stage) ? j.createdAt + 60 : null,
    fine_tuned_model: j.stage === 'succeeded' ? j.fineTunedModel : null,
    organization_id: 'org-fake',
    result_files: [],
    status: openaiStatus[j.stage],
    validation_file: j.validationFile ?? null,
    training_file: j.trainingFile,
    trained_tokens: j.stage === 'succeeded' ? 1000 * j.epochs : null,
    error: j.error ? { ...j.error, param: j.error.code === 'invalid_training_file' ? 'training_file' : null } : null,
    seed: 42,
    estimated_finish: null,
    integrations: [],
    metadata: null,
    hyperparameters: { n_epochs: j.epochs, batch_size: 1, learning_rate_multiplier: 1 },
    method: (j.body as Json).method ?? { type: 'supervised' },
    suffix: j.suffix ?? null,
  });

  async function openai(req: IncomingMessage, res: ServerResponse, path: string, request: Request) {
    const m = req.method;
    if (m === 'POST' && path === '/files') {
      const form = await request.formData();
      const file = form.get('file');
      if (!(file instanceof File)) return oaiError(res, 400, "Missing required parameter: 'file'.");
      const text = await file.text();
      const { lines, problem } = checkFile(text);
      const f: FakeFile = {
        id: fakeId('file-'),
        filename: file.name,
        bytes: Buffer.byteLength(text),
        createdAt: Math.floor(Date.now() / 1000),
        purpose: String(form.get('purpose') ?? ''),
        lines,
        problem,
      };
      files.set(f.id, f);
      return send(res, 200, openaiFile(f));
    }
    if (m === 'GET' && path === '/files')
      return send(res, 200, { object: 'list', data: [...files.values()].map(openaiFile), has_more: false });
    const fileMatch = /^\/files\/([^/]+)$/.exec(path);
    if (m === 'GET' && fileMatch) {
      const f = files.get(fileMatch[1]);
      return f ? send(res, 200, openaiFile(f)) : oaiError(res, 404, `No such File object: ${fileMatch[1]}`);
    }
    if (m === 'POST' && path === '/fine_tuning/jobs') {
      const body = (await request.json()) as Json;
      const training = files.get(String(body.training_file));
      if (!training) return oaiError(res, 400, `invalid training_file: ${String(body.training_file)}`, 'invalid_training_file');
      if (typeof body.model !== 'string' || body.model.includes('not-tunable'))
        return oaiError(res, 400, `Model ${String(body.model)} is not available for fine-tuning or does not exist.`, 'model_not_available');
      const method = body.method as
        { type?: string; supervised?: { hyperparameters?: Json }; dpo?: { hyperparameters?: Json } } | undefined;
      const hp = method?.[method.type === 'dpo' ? 'dpo' : 'supervised']?.hyperparameters ?? {};
      const job = newJob(
        {
          id: fakeId('ftjob-'),
          shape: 'openai',
          kind: method?.type === 'dpo' ? 'dpo' : 'sft',
          model: body.model,
          trainingFile: training.id,
          validationFile: body.validation_file as string | undefined,
          suffix: body.suffix as string | undefined,
          epochs: Number(hp.n_epochs ?? 3),
          body,
        },
        training,
      );
      jobs.set(job.id, job);
      return send(res, 200, openaiJob(job));
    }
    if (m === 'GET' && path === '/fine_tuning/jobs')
      return send(res, 200, {
        object: 'list',
        data: [...jobs.values()]
          .filter((j) => j.shape === 'openai')
          .reverse()
          .map(openaiJob),
        has_more: false,
      });
    const jobMatch = /^\/fine_tuning\/jobs\/([^/]+)(\/events|\/checkpoints|\/cancel)?$/.exec(path);
    if (!jobMatch) return false;
    const job = jobs.get(jobMatch[1]);
    if (!job || job.shape !== 'openai') return oaiError(res, 404, `No such fine-tuning job: ${jobMatch[1]}`, 'fine_tune_not_found');
    const file = files.get(job.trainingFile);
    if (m === 'GET' && !jobMatch[2]) return (advance(job, file), send(res, 200, openaiJob(job)));
    if (m === 'GET' && jobMatch[2] === '/events')
      return send(res, 200, {
        object: 'list',
        has_more: false,
        data: [...job.events].reverse().map((e) => ({
          id: e.id,
          object: 'fine_tuning.job.event',
          created_at: e.at,
          level: e.level,
          message: e.message,
          type: 'message',
          data: {},
        })),
      });
    if (m === 'GET' && jobMatch[2] === '/checkpoints')
      return send(res, 200, {
        object: 'list',
        has_more: false,
        first_id: null,
        last_id: null,
        data: [...job.checkpoints].reverse().map((c) => ({
          id: `ftckpt-${job.id}-${c.step}`,
          object: 'fine_tuning.job.checkpoint',
          created_at: c.at,
          fine_tuned_model_checkpoint: `ft:${job.model}:fake-org:${job.suffix ?? 'weir'}:${job.id.slice(-8)}:ckpt-step-${c.step}`,
          fine_tuning_job_id: job.id,
          step_number: c.step,
          metrics: { step: c.step, train_loss: c.trainLoss, valid_loss: c.validLoss, train_mean_token_accuracy: 0.8 },
        })),
      });
    if (m === 'POST' && jobMatch[2] === '/cancel') {
      if (!cancel(job, true)) return oaiError(res, 400, `Job ${job.id} has already completed and cannot be cancelled.`);
      return send(res, 200, openaiJob(job));
    }
    return false;
  }

  // ---- Together shape
  const togetherJob = (j: FakeJob, withEvents = true) => ({
    id: j.id,
    status: togetherStatus[j.stage],
    model: j.model,
    model_output_name: j.stage === 'succeeded' ? j.fineTunedModel : j.suffix ? `fake-org/${j.model.split('/').pop()}-${j.suffix}` : null,
    training_file: j.trainingFile,
    validation_file: j.validationFile ?? '',
    n_epochs: j.epochs,
    token_count: 1000 * j.epochs,
    total_price: 0,
    created_at: iso(j.createdAt),
    updated_at: iso(j.createdAt + j.events.length),
    training_method: (j.body as Json).training_method,
    training_type: (j.body as Json).training_type,
    suffix: j.suffix,
    events: withEvents ? j.events.map((e) => togetherEvent(e)) : [],
  });
  const togetherEvent = (e: FakeJob['events'][number]) => ({
    object: 'fine-tune-event',
    created_at: iso(e.at),
    level: e.level === 'warn' ? 'warning' : e.level,
    message: e.message,
    type: e.type,
    param_count: 0,
    token_count: 0,
    total_steps: 0,
    wandb_url: '',
    step: 0,
    checkpoint_path: '',
    model_path: '',
    training_offset: 0,
    hash: e.id,
  });

  async function together(req: IncomingMessage, res: ServerResponse, path: string, request: Request) {
    const m = req.method;
    const error = (status: number, message: string) => send(res, status, { error: { message, type: 'invalid_request_error' } });
    if (m === 'POST' && path === '/files/upload') {
      const form = await request.formData();
      const file = form.get('file');
      if (!(file instanceof File) || !form.get('file_name') || !form.get('purpose'))
        return error(400, 'purpose, file_name and file are required');
      const text = await file.text();
      const { lines, problem } = checkFile(text);
      if (problem) return error(400, `File validation failed: ${problem}`);
      const f: FakeFile = {
        id: fakeId('file-'),
        filename: String(form.get('file_name')),
        bytes: Buffer.byteLength(text),
        createdAt: Math.floor(Date.now() / 1000),
        purpose: String(form.get('purpose')),
        lines,
      };
      files.set(f.id, f);
      return send(res, 200, openaiFile(f));
    }
    if (m === 'POST' && (path === '/fine-tunes' || path === '/fine-tunes/estimate-price')) {
      const body = (await request.json()) as Json;
      const training = files.get(String(body.training_file));
      if (!training) return error(400, `training_file ${String(body.training_file)} not found`);
      const epochs = Number(body.n_epochs ?? 1);
      if (path.endsWith('estimate-price'))
        return send(res, 200, {
          estimated_total_price: (Math.round(training.bytes * epochs * 0.48) / 1e6) * 4,
          allowed_to_proceed: true,
          user_limit: 100,
          estimated_train_token_count: Math.ceil(training.bytes / 4) * epochs,
          estimated_eval_token_count: 0,
        });
      if (typeof body.model !== 'string' || body.model.includes('not-tunable'))
        return error(400, `Model ${String(body.model)} is not supported for fine-tuning`);
      const job = newJob(
        {
          id: fakeId('ft-'),
          shape: 'together',
          kind: (body.training_method as Json | undefined)?.method === 'dpo' ? 'dpo' : 'sft',
          model: body.model,
          trainingFile: training.id,
          validationFile: body.validation_file as string | undefined,
          suffix: body.suffix as string | undefined,
          epochs,
          body,
        },
        training,
      );
      jobs.set(job.id, job);
      return send(res, 200, togetherJob(job, false));
    }
    if (m === 'GET' && path === '/fine-tunes')
      return send(res, 200, { data: [...jobs.values()].filter((j) => j.shape === 'together').map((j) => togetherJob(j, false)) });
    const match = /^\/fine-tunes\/([^/]+)(\/events|\/checkpoints|\/metrics|\/cancel)?$/.exec(path);
    if (!match) return false;
    const job = jobs.get(match[1]);
    if (!job || job.shape !== 'together') return error(404, `Fine-tune job ${match[1]} not found`);
    if (m === 'GET' && !match[2]) return (advance(job, files.get(job.trainingFile)), send(res, 200, togetherJob(job)));
    if (m === 'GET' && match[2] === '/events') return send(res, 200, { data: job.events.map(togetherEvent) });
    if (m === 'GET' && match[2] === '/checkpoints')
      return send(res, 200, {
        data: [...job.checkpoints].reverse().map((c) => ({
          step: c.step,
          created_at: iso(c.at),
          path: `s3://fake/${job.id}/checkpoint-${c.step}`,
          checkpoint_type: 'Intermediate',
        })),
      });
    if (m === 'GET' && match[2] === '/metrics')
      return send(res, 200, {
        metrics: job.checkpoints.map((c) => ({
          'train/loss': c.trainLoss,
          'eval/loss': c.validLoss,
          'train/global_step': c.step,
          'train/learning_rate': 0.00001,
        })),
      });
    if (m === 'POST' && match[2] === '/cancel') {
      if (!cancel(job, false)) return error(400, `Job ${job.id} has already finished`);
      return send(res, 200, togetherJob(job, false));
    }
    return false;
  }

  // ---- Fireworks shape
  const fireworksJob = (j: FakeJob, account: string) => {
    const body = j.body as Json;
    const name = `accounts/${account}/${j.kind === 'dpo' ? 'dpoJobs' : 'supervisedFineTuningJobs'}/${j.id}`;
    const output = j.fineTunedModel;
    const state = fireworksState[j.stage];
    const common = {
      name,
      displayName: body.displayName,
      dataset: j.trainingFile,
      createTime: iso(j.createdAt),
      updateTime: iso(j.createdAt + j.events.length),
      state,
      status: j.error ? { code: 'INVALID_ARGUMENT', message: j.error.message } : { code: 'OK', message: '' },
      ...(j.stage === 'succeeded' ? { completedTime: iso(j.createdAt + 60) } : {}),
      jobProgress: { percent: Math.min(100, Math.round((100 * j.at) / (j.plan.length - 1))), epoch: j.checkpoints.length },
    };
    if (j.kind === 'dpo') return { ...common, trainingConfig: { ...(body.trainingConfig as Json), outputModel: output } };
    return { ...common, baseModel: j.model, outputModel: output, epochs: j.epochs, evaluationDataset: j.validationFile };
  };

  async function fireworks(req: IncomingMessage, res: ServerResponse, path: string, request: Request) {
    const m = /^\/accounts\/([a-z0-9-]+)\/(.+)$/.exec(path);
    if (!m) return false;
    const [, account, rest] = m;
    const method = req.method;
    if (method === 'POST' && rest === 'datasets') {
      const body = (await request.json()) as { datasetId?: string; dataset?: Json };
      if (!body.datasetId || !body.dataset) return fwError(res, 400, 'datasetId and dataset are required');
      const name = `accounts/${account}/datasets/${body.datasetId}`;
      if (datasets.has(name)) return fwError(res, 409, `dataset ${name} already exists`);
      datasets.set(name, { name, state: 'UPLOADING', displayName: body.dataset.displayName as string | undefined });
      return send(res, 200, {
        name,
        state: 'UPLOADING',
        createTime: new Date().toISOString(),
        exampleCount: body.dataset.exampleCount,
        userUploaded: {},
      });
    }
    const upload = /^datasets\/([a-z0-9-]+):upload$/.exec(rest);
    if (method === 'POST' && upload) {
      const ds = datasets.get(`accounts/${account}/datasets/${upload[1]}`);
      if (!ds) return fwError(res, 404, `dataset ${upload[1]} not found`);
      const file = (await request.formData()).get('file');
      if (!(file instanceof File)) return fwError(res, 400, 'file is required');
      const text = await file.text();
      const { lines, problem } = checkFile(text);
      if (problem) return fwError(res, 400, `invalid dataset: ${problem}`);
      ds.file = {
        id: ds.name,
        filename: file.name,
        bytes: Buffer.byteLength(text),
        createdAt: Math.floor(Date.now() / 1000),
        purpose: 'fine-tune',
        lines,
      };
      ds.state = 'READY';
      return send(res, 200, {
        id: upload[1],
        object: 'file',
        bytes: ds.file.bytes,
        created_at: ds.file.createdAt,
        filename: file.name,
        purpose: 'fine-tune',
      });
    }
    const dsGet = /^datasets\/([a-z0-9-]+)$/.exec(rest);
    if (method === 'GET' && dsGet) {
      const ds = datasets.get(`accounts/${account}/datasets/${dsGet[1]}`);
      return ds
        ? send(res, 200, { name: ds.name, state: ds.state, displayName: ds.displayName, exampleCount: String(ds.file?.lines ?? 0) })
        : fwError(res, 404, `dataset ${dsGet[1]} not found`);
    }
    const collection = /^(supervisedFineTuningJobs|dpoJobs)$/.exec(rest);
    if (collection && method === 'POST') {
      const body = (await request.json()) as Json;
      const kind = collection[1] === 'dpoJobs' ? 'dpo' : 'sft';
      const cfg = (kind === 'dpo' ? body.trainingConfig : body) as Json | undefined;
      const ds = datasets.get(String(body.dataset));
      if (!ds?.file) return fwError(res, 400, `dataset ${String(body.dataset)} not found or not READY`);
      if (typeof cfg?.baseModel !== 'string' || cfg.baseModel.includes('not-tunable'))
        return fwError(res, 400, `base model ${String(cfg?.baseModel)} is not tunable`);
      const job = newJob(
        {
          id: fakeId('job-'),
          shape: 'fireworks',
          kind,
          model: cfg.baseModel,
          trainingFile: ds.name,
          validationFile: body.evaluationDataset as string | undefined,
          suffix: body.displayName as string | undefined,
          epochs: Number(cfg.epochs ?? 1),
          body,
          fineTunedModel: cfg.outputModel as string | undefined,
        },
        ds.file,
      );
      jobs.set(job.id, job);
      return send(res, 200, fireworksJob(job, account));
    }
    if (collection && method === 'GET')
      return send(res, 200, {
        [collection[1]]: [...jobs.values()]
          .filter((j) => j.shape === 'fireworks' && (j.kind === 'dpo') === (collection[1] === 'dpoJobs'))
          .map((j) => fireworksJob(j, account)),
        nextPageToken: '',
        totalSize: 0,
      });
    const one = /^(supervisedFineTuningJobs|dpoJobs)\/([a-z0-9-]+)(:cancel)?$/.exec(rest);
    if (!one) return false;
    const job = jobs.get(one[2]);
    if (!job || job.shape !== 'fireworks') return fwError(res, 404, `job ${one[2]} not found`);
    if (method === 'GET' && !one[3])
      return (advance(job, datasets.get(job.trainingFile)?.file), send(res, 200, fireworksJob(job, account)));
    if (method === 'POST' && one[3]) {
      if (!cancel(job, false)) return fwError(res, 400, `job ${job.id} is already in a final state`);
      return send(res, 200, fireworksJob(job, account));
    }
    return false;
  }

  /** Answers a fine-tuning request (true), or leaves it to the chat fake (false). */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/__control/finetune/requests') return (send(res, 200, { requests }), true);
    if (url.pathname === '/__control/finetune/plan' && req.method === 'POST') {
      let raw = '';
      for await (const part of req) raw += part;
      const { model, stages } = JSON.parse(raw) as { model?: string; stages?: Stage[] };
      const allowed: Stage[] = ['validating', 'queued', 'running', 'finishing', 'succeeded', 'failed'];
      if (!model || !Array.isArray(stages) || stages.length === 0 || stages.some((s) => !allowed.includes(s)))
        return (send(res, 400, { error: { message: `send {model, stages}; stages from ${allowed.join(', ')}` } }), true);
      scriptedPlans.set(model, stages[0] === 'validating' ? stages : ['validating', ...stages]);
      return (send(res, 200, { ok: true }), true);
    }
    if (url.pathname === '/__control/finetune/reset')
      return (files.clear(), jobs.clear(), datasets.clear(), scriptedPlans.clear(), (requests = []), send(res, 200, { ok: true }), true);
    const path = url.pathname.replace(/^\/v1/, '');
    if (!/^\/(files|fine_tuning|fine-tunes|accounts)(\/|$)/.test(path)) return false;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const request = new Request(`http://fake${url.pathname}${url.search}`, {
      method: req.method,
      headers,
      body: raw.length ? raw : undefined,
    });
    const isJson = headers.get('content-type')?.includes('json');
    requests.push({
      method: req.method ?? 'GET',
      path,
      query: url.search,
      authorization: req.headers.authorization,
      apiKeyHeader: req.headers['api-key'] as string | undefined,
      body: isJson ? JSON.parse(raw.toString() || 'null') : raw.length ? '<multipart>' : undefined,
    });
    if (req.headers.authorization === 'Bearer fake-bad-key' || req.headers['api-key'] === 'fake-bad-key') {
      send(res, 401, {
        error: { message: 'Incorrect API key provided: fake-bad-key.', type: 'invalid_request_error', code: 'invalid_api_key' },
      });
      return true;
    }
    try {
      const answered = path.startsWith('/accounts/')
        ? await fireworks(req, res, path, request)
        : ((await openai(req, res, path, request)) ?? true);
      if (answered === false && !res.headersSent) {
        const togetherAnswered = await together(req, res, path, request);
        if (togetherAnswered === false)
          send(res, 404, {
            error: { message: `Unknown request URL: ${req.method} ${url.pathname}.`, type: 'invalid_request_error', code: 'unknown_url' },
          });
      }
    } catch (err) {
      if (!res.headersSent) send(res, 400, { error: { message: `bad request: ${(err as Error).message}` } });
    }
    return true;
  }

  return { handle };
}
