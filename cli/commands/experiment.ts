// `weir experiment create | list | show | weights | start | stop | promote`: live experiments
// (the /v1/experiments API) from the terminal. Arms are `name=ref:weight` (ref a version or label).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addRemoteOptions, apiClient, type RemoteOptions } from '../lib/api';
import { usageError } from '../lib/errors';
import { table } from '../lib/runs-format';
import { experimentLine, printResults, type ArmResultBody, type ExperimentBody } from './experiment-print';

interface CreateOptions extends RemoteOptions {
  flow?: string;
  arm: string[];
  file?: string;
  subjectField?: string;
  salt?: string;
  shadow?: string;
  maxErrorRate?: string;
  minRuns?: string;
  minSamples?: string;
  evalSample?: string;
  evalAssert: string[];
  evalJudge?: string;
  start?: boolean;
  json?: boolean;
}

const print = (value: unknown): void => void process.stdout.write(JSON.stringify(value, null, 2) + '\n');
const collect = (value: string, previous: string[]) => [...previous, value];
const enc = encodeURIComponent;

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw usageError(`${flag} must be a number, got "${text}"`);
  return n;
}

/** `v1=1:50` or `candidate=staging:50`. */
export function parseArm(text: string): { name: string; ref: string | number; weight: number } {
  const m = /^([^=\s]+)=([^:\s]+):([0-9.]+)$/.exec(text);
  if (!m) throw usageError(`--arm is name=ref:weight (e.g. v1=1:50 or candidate=staging:50), got "${text}"`);
  return { name: m[1], ref: /^[0-9]+$/.test(m[2]) ? Number(m[2]) : m[2], weight: Number(m[3]) };
}

function createBody(id: string, o: CreateOptions): Record<string, unknown> {
  if (o.file) return { id, ...(JSON.parse(readFileSync(o.file, 'utf8')) as Record<string, unknown>) };
  if (!o.flow) throw usageError('--flow <id> is required (or --file experiment.json)');
  if (o.arm.length < 2) throw usageError('give at least two --arm name=ref:weight');
  const shadow = o.shadow ? /^([^:\s]+):([0-9.]+)$/.exec(o.shadow) : undefined;
  if (o.shadow && !shadow) throw usageError(`--shadow is ref:sample (e.g. 3:0.1), got "${o.shadow}"`);
  const maxErrorRate = number('--max-error-rate', o.maxErrorRate);
  const minRuns = number('--min-runs', o.minRuns);
  return {
    id,
    flowId: o.flow,
    arms: o.arm.map(parseArm),
    ...(o.subjectField ? { subjectField: o.subjectField } : {}),
    ...(o.salt ? { salt: o.salt } : {}),
    ...(shadow ? { shadow: { ref: /^[0-9]+$/.test(shadow[1]) ? Number(shadow[1]) : shadow[1], sample: Number(shadow[2]) } } : {}),
    ...(maxErrorRate !== undefined || minRuns !== undefined
      ? { guardrail: { maxErrorRate: maxErrorRate ?? 0.5, minRuns: minRuns ?? 20 } }
      : {}),
    ...(o.minSamples ? { minSamples: number('--min-samples', o.minSamples) } : {}),
    ...evaluateBody(o),
  };
}

/** `--eval-sample 0.1 --eval-assert '{"type":"icontains","value":"E5"}' [--eval-judge gpt-4o-mini]`. */
function evaluateBody(o: CreateOptions): Record<string, unknown> {
  if (o.evalSample === undefined && o.evalAssert.length === 0) return {};
  if (o.evalSample === undefined || o.evalAssert.length === 0) throw usageError('--eval-sample and --eval-assert go together');
  const assertions = o.evalAssert.map((text) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw usageError(`--eval-assert is an assertion as JSON (e.g. '{"type":"icontains","value":"E5"}'), got ${text}`);
    }
  });
  return {
    evaluate: { sample: number('--eval-sample', o.evalSample), assertions, ...(o.evalJudge ? { judge: { model: o.evalJudge } } : {}) },
  };
}

export function experimentCommand(program: Command): void {
  const exp = program.command('experiment').description('live experiments: split a flow between versions and compare the arms');

  const create = exp
    .command('create')
    .description('create an experiment (a draft until started)')
    .argument('<id>', 'the experiment id')
    .option('--flow <id>', 'the flow whose traffic is split')
    .option('--arm <name=ref:weight>', 'an arm: a version number or label with a weight (repeat)', collect, [])
    .option('--file <path>', 'the experiment as JSON instead of flags')
    .option('--subject-field <field>', 'input field naming the subject when there is no Weir-Subject header')
    .option('--salt <text>', 'hash salt (default: the id); a new salt reshuffles subjects')
    .option('--shadow <ref:sample>', 'run this version in the background on a share of traffic (e.g. 3:0.1)')
    .option('--max-error-rate <0..1>', 'guardrail: stop an arm above this error rate (default 0.5)')
    .option('--min-runs <n>', 'guardrail: runs an arm needs before it can be stopped (default 20)')
    .option('--min-samples <n>', 'runs per arm before a difference is called significant (default 30)')
    .option('--eval-sample <0..1>', 'evaluate this share of live runs with --eval-assert (scores per arm)')
    .option('--eval-assert <json>', 'an eval assertion as JSON, e.g. {"type":"icontains","value":"E5"} (repeat)', collect, [])
    .option('--eval-judge <model>', 'the judge model for llm-rubric and factuality assertions')
    .option('--start', 'start it at once')
    .option('--json', 'print the experiment as the API returns it');
  addRemoteOptions(create).addHelpText(
    'after',
    `
Examples:
  weir experiment create prompt-vs-ft --flow support --arm prompt=1:50 --arm ft=2:50 --start
  weir experiment create canary --flow support --arm prod=production:90 --arm next=3:10 --max-error-rate 0.1`,
  );
  create.action(async (id: string, o: CreateOptions) => {
    const api = apiClient(o);
    let { body } = await api.request<ExperimentBody>('POST', '/experiments', createBody(id, o));
    if (o.start) body = (await api.request<ExperimentBody>('POST', `/experiments/${enc(id)}/start`)).body;
    if (o.json) return print(body);
    console.log(
      `experiment ${body.id} on flow ${body.flowId}: ${body.status}${o.start ? '' : ` (start it: weir experiment start ${body.id})`}`,
    );
  });

  const list = exp
    .command('list')
    .description('experiments, newest first')
    .option('--flow <id>', 'only this flow')
    .option('--status <status>', 'draft, running, stopped or promoted')
    .option('--json', 'print {experiments} as the API returns it');
  addRemoteOptions(list).action(async (o: RemoteOptions & { flow?: string; status?: string; json?: boolean }) => {
    const q = new URLSearchParams();
    if (o.flow) q.set('flow', o.flow);
    if (o.status) q.set('status', o.status);
    const { body } = await apiClient(o).request<{ experiments: ExperimentBody[] }>('GET', `/experiments${q.size ? `?${q}` : ''}`);
    if (o.json) return print(body);
    if (!body.experiments.length) return console.log('no experiments');
    console.log(table([['ID', 'FLOW', 'STATUS', 'VERSION', 'ARMS'], ...body.experiments.map(experimentLine)]));
  });

  const show = exp
    .command('show')
    .description('per-arm results: traffic, errors, fallbacks, latency, cost, feedback, significance')
    .argument('<id>', 'the experiment id')
    .option('--json', 'print {experiment, arms} as the API returns it');
  addRemoteOptions(show).action(async (id: string, o: RemoteOptions & { json?: boolean }) => {
    const { body } = await apiClient(o).request<{ experiment: ExperimentBody; arms: ArmResultBody[] }>(
      'GET',
      `/experiments/${enc(id)}/results`,
    );
    if (o.json) return print(body);
    printResults(body.experiment, body.arms);
  });

  const weights = exp
    .command('weights')
    .description('set arm weights (refused if someone changed the experiment since you read it)')
    .argument('<id>', 'the experiment id')
    .argument('<name=weight...>', 'new weights, e.g. v1=20 v2=80');
  addRemoteOptions(weights).action(async (id: string, pairs: string[], o: RemoteOptions) => {
    const api = apiClient(o);
    const next: Record<string, number> = {};
    for (const p of pairs) {
      const m = /^([^=\s]+)=([0-9.]+)$/.exec(p);
      if (!m) throw usageError(`weights are name=weight, got "${p}"`);
      next[m[1]] = Number(m[2]);
    }
    const { body: current } = await api.request<ExperimentBody>('GET', `/experiments/${enc(id)}`);
    const { body } = await api.request<ExperimentBody>('PATCH', `/experiments/${enc(id)}`, { version: current.version, weights: next });
    console.log(`experiment ${body.id} (version ${body.version}): ${experimentLine(body)[4]}`);
  });

  for (const [action, what] of [
    ['start', 'start splitting traffic'],
    ['stop', 'stop: all traffic back to the label'],
  ] as const) {
    const cmd = exp.command(action).description(what).argument('<id>', 'the experiment id');
    addRemoteOptions(cmd).action(async (id: string, o: RemoteOptions) => {
      const { body } = await apiClient(o).request<ExperimentBody>('POST', `/experiments/${enc(id)}/${action}`);
      console.log(`experiment ${body.id} on flow ${body.flowId}: ${body.status}`);
    });
  }

  const promote = exp
    .command('promote')
    .description("move the flow's production label to an arm's version and end the experiment")
    .argument('<id>', 'the experiment id')
    .requiredOption('--arm <name>', 'the winning arm');
  addRemoteOptions(promote).action(async (id: string, o: RemoteOptions & { arm: string }) => {
    const { body } = await apiClient(o).request<{ experiment: ExperimentBody; version: number }>(
      'POST',
      `/experiments/${enc(id)}/promote`,
      { arm: o.arm },
    );
    console.log(`promoted arm ${o.arm}: ${body.experiment.flowId}@production is now version ${body.version}`);
  });
}
