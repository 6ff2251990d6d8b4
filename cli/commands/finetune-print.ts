// How `weir finetune` prints: the plan and estimate, a job line, events and checkpoints, tables.
import { bold, dim, green, red, yellow } from '../lib/color';

export interface Plan {
  valid: boolean;
  problems: { message: string; severity: string }[];
  trainer: string;
  type: string;
  trainExamples: number;
  validationExamples: number;
  trainTokens: number;
  epochs: number;
  estimate: { costUsd: number | null; trainingPerMTok: number | null; billedTokens: number; source: string | null };
  datasetHash: string;
}

export interface Job {
  id: string;
  trainer: string;
  baseModel: string;
  method: string;
  status: string;
  rawStatus: string | null;
  fineTunedModel: string | null;
  estimatedCostUsd: number | null;
  trainingCostUsd: number | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  datasetName: string | null;
  /** Older workers do not send these. */
  target?: { flow: string; node: string } | null;
  evalRunId?: string | null;
  evalError?: string | null;
}

export const money = (usd: number | null) => (usd === null ? 'unknown' : `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`);

export function printPlan(p: Plan): void {
  console.log(`${bold('trainer')}   ${p.trainer} (${p.type})`);
  console.log(
    `${bold('examples')}  ${p.trainExamples} train, ${p.validationExamples} validation; ≈${p.trainTokens.toLocaleString('en-US')} training tokens`,
  );
  const price = p.estimate.trainingPerMTok === null ? 'no known training price' : `$${p.estimate.trainingPerMTok} per million tokens`;
  console.log(
    `${bold('estimate')}  ${money(p.estimate.costUsd)} (${p.estimate.billedTokens.toLocaleString('en-US')} tokens × ${p.epochs} epoch${p.epochs === 1 ? '' : 's'}; ${price}${p.estimate.source ? `, ${p.estimate.source}` : ''})`,
  );
  for (const problem of p.problems) console.log(`${problem.severity === 'error' ? red('error') : yellow('warning')} ${problem.message}`);
  if (p.valid) console.log(green('the training data is ready'));
}

const paintStatus = (s: string) => (s === 'succeeded' ? green(s) : s === 'failed' || s === 'cancelled' ? red(s) : yellow(s));

export const jobLine = (j: Job) =>
  `${j.id}  ${paintStatus(j.status)}${j.rawStatus && j.rawStatus !== j.status ? dim(` (${j.rawStatus})`) : ''}  ${j.trainer}  ${j.baseModel}${j.fineTunedModel ? `  → ${j.fineTunedModel}` : ''}`;

export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}
