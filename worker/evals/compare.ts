// The technique comparison: prompt engineering, fine-tuning or both? Quality with intervals and
// significance, latency, cost per 1,000 requests, and the break-even volume
//   N* = (training + eval cost + hosting/hour × hours) / (prompt cost per call − fine-tuned cost per call)
// where the fine-tuned cost per call is measured over the eval's runs, so its fallbacks are in
// it. Training is the dataset's tokens × epochs × the training price. A fine-tune dies with its
// base model: past the retirement date nothing pays back, so the report warns when N* would not
// be reached before it.
import type { PriceBook } from './price-book';
import type { ComparisonConfig } from './schema';
import type { Interval } from './stats-intervals';
import type { PairSummary } from './stats-pairs';
import type { VariantSummary } from './stats-variant';

export interface Comparison {
  prompt: string;
  finetuned: string;
  quality: {
    prompt: { passRate: number; interval: Interval };
    finetuned: { passRate: number; interval: Interval };
    pValue: number | null;
    significant: boolean;
    better: 'prompt' | 'finetuned' | 'neither';
  };
  latencyP50Ms: { prompt: number; finetuned: number };
  costPerCall: { prompt: number | null; finetuned: number | null };
  costPer1000: { prompt: number | null; finetuned: number | null };
  fallbackRate: number;
  training: { baseModel: string; tokensPerEpoch: number; epochs: number; perMTok: number | null; costUsd: number | null; source?: string };
  hosting: { perHour: number; hours: number; costUsd: number };
  evalCostUsd: number | null;
  breakEven: { requests: number | null; reason: string };
  retirement: { date: string | null; daysLeft: number | null; requestsPerDayNeeded: number | null; warning?: string };
}

export interface ComparisonInputs {
  config: ComparisonConfig;
  variants: readonly VariantSummary[];
  pairs: readonly PairSummary[];
  prices: PriceBook;
  /** Training tokens per epoch when the config does not give them (the dataset's train split). */
  datasetTrainTokens: number;
  evalCostUsd: number | null;
  /** ISO date "today", passed in so the comparison stays pure and reproducible. */
  today: string;
}

const DAY_MS = 86_400_000;

export function techniqueComparison(inp: ComparisonInputs): Comparison {
  const { config } = inp;
  const p = inp.variants.find((v) => v.name === config.prompt);
  const f = inp.variants.find((v) => v.name === config.finetuned);
  if (!p || !f) throw new Error(`the comparison names variants "${config.prompt}" and "${config.finetuned}"; the eval has ${inp.variants.map((v) => v.name).join(', ')}`);
  const pair = inp.pairs.find((x) => (x.a === p.name && x.b === f.name) || (x.a === f.name && x.b === p.name));
  const pValue = pair ? pair.mcnemar.pValue : null;
  const significant = pValue !== null && pValue < 0.05;
  const better = !significant ? 'neither' : f.passRate > p.passRate ? 'finetuned' : 'prompt';

  const training = inp.prices.training(config.baseModel);
  const epochs = config.epochs ?? 3;
  const tokensPerEpoch = config.trainingTokens ?? inp.datasetTrainTokens;
  const trainingCost = training ? (tokensPerEpoch * epochs * training.perMTok) / 1_000_000 : null;
  const perHour = config.hostingPerHour ?? training?.hostingPerHour ?? 0;
  const hours = config.hostingHours ?? 0;
  const hosting = perHour * hours;

  const promptCall = p.cost.perItem;
  const ftCall = f.cost.perItem;
  let requests: number | null = null;
  let reason: string;
  if (trainingCost === null) reason = `no training price for ${config.baseModel}: add it under "prices" in the eval file`;
  else if (promptCall === null || ftCall === null) reason = 'a model in one of the two variants has no price: add it under "prices"';
  else if (inp.evalCostUsd === null) reason = 'the eval\'s own cost is unknown (a model has no price)';
  else if (ftCall >= promptCall) reason = `the fine-tuned variant costs as much or more per call ($${ftCall.toExponential(2)} vs $${promptCall.toExponential(2)}): it never pays back on cost`;
  else {
    requests = Math.ceil((trainingCost + inp.evalCostUsd + hosting) / (promptCall - ftCall));
    reason = `(training $${trainingCost.toFixed(2)} + eval $${inp.evalCostUsd.toFixed(4)} + hosting $${hosting.toFixed(2)}) / ($${promptCall.toExponential(3)} − $${ftCall.toExponential(3)} per call)`;
  }

  const date = config.retires ?? training?.retires ?? null;
  const daysLeft = date ? Math.floor((Date.parse(date) - Date.parse(inp.today)) / DAY_MS) : null;
  const retirement: Comparison['retirement'] = { date, daysLeft, requestsPerDayNeeded: null };
  if (daysLeft !== null && daysLeft <= 0) retirement.warning = `the base model ${config.baseModel} retired on ${date}: a fine-tune of it no longer works`;
  else if (daysLeft !== null && requests !== null) {
    retirement.requestsPerDayNeeded = Math.ceil(requests / daysLeft);
    if (config.requestsPerDay !== undefined && config.requestsPerDay * daysLeft < requests)
      retirement.warning = `at ${config.requestsPerDay} requests a day the fine-tune reaches break-even after ${Math.ceil(requests / config.requestsPerDay)} days, but ${config.baseModel} retires in ${daysLeft} (${date})`;
  } else if (daysLeft !== null && requests === null && ftCall !== null && promptCall !== null && ftCall >= promptCall)
    retirement.warning = `the fine-tune never pays back before ${config.baseModel} retires on ${date}`;

  return {
    prompt: p.name,
    finetuned: f.name,
    quality: { prompt: { passRate: p.passRate, interval: p.interval }, finetuned: { passRate: f.passRate, interval: f.interval }, pValue, significant, better },
    latencyP50Ms: { prompt: p.latencyMs.p50, finetuned: f.latencyMs.p50 },
    costPerCall: { prompt: promptCall, finetuned: ftCall },
    costPer1000: { prompt: p.cost.per1000, finetuned: f.cost.per1000 },
    fallbackRate: f.fallbackRate,
    training: {
      baseModel: config.baseModel,
      tokensPerEpoch,
      epochs,
      perMTok: training?.perMTok ?? null,
      costUsd: trainingCost,
      ...(training ? { source: `${training.source}${training.asOf ? `, as of ${training.asOf}` : ''}` } : {}),
    },
    hosting: { perHour, hours, costUsd: hosting },
    evalCostUsd: inp.evalCostUsd,
    breakEven: { requests, reason },
    retirement,
  };
}
