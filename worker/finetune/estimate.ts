// What a job will cost before it starts: examples and tokens of each file, the epochs the provider
// will run, and tokens × epochs × the training price. Unknown prices give a null cost, never 0.
import type { Problem } from '../engine/problems';
import { priceFor, usd } from './prices';
import type { ReadyRequest } from './request';
import type { TrainerType } from './trainer';
import type { TrainerSpec } from './trainer-config';
import { checkTrainingFile } from './training-file';

/** What each provider runs when epochs are not given (OpenAI's "auto" is usually 3). */
const DEFAULT_EPOCHS: Record<TrainerType, number> = { openai: 3, together: 1, fireworks: 1 };

export interface FinetunePlan {
  valid: boolean;
  problems: Problem[];
  trainExamples: number;
  validationExamples: number;
  trainTokens: number;
  validationTokens: number;
  epochs: number;
  estimate: { costUsd: number | null; trainingPerMTok: number | null; billedTokens: number; source: string | null };
  datasetHash: string;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function planFinetune(req: ReadyRequest, spec: TrainerSpec): Promise<FinetunePlan> {
  const train = checkTrainingFile(req.training, req.method, 'train', spec.type);
  const validation = req.validation
    ? checkTrainingFile(req.validation, req.method, 'validation', spec.type)
    : { examples: 0, tokens: 0, problems: [] };
  const problems = [...train.problems, ...validation.problems];
  if (req.method === 'supervised' && req.hyperparameters.beta !== undefined)
    problems.push({ code: 'beta_without_dpo', message: 'beta applies to DPO only', path: 'hyperparameters.beta', severity: 'error' });
  const h = req.hyperparameters;
  const ignored = (field: string, why: string) =>
    problems.push({
      code: 'ignored_setting',
      message: `${field} is ignored: ${why}`,
      path: `hyperparameters.${field}`,
      severity: 'warning',
    });
  if (h.loraRank !== undefined && spec.type === 'openai') ignored('loraRank', 'OpenAI does not take a LoRA rank');
  if (h.loraRank !== undefined && spec.type === 'together' && spec.trainingType === 'full')
    ignored('loraRank', 'this Together trainer runs full fine-tuning');
  if (h.batchSize !== undefined && spec.type === 'fireworks')
    problems.push({
      code: 'batch_size_tokens',
      message: 'Fireworks counts batchSize in tokens, not examples',
      path: 'hyperparameters.batchSize',
      severity: 'warning',
    });
  const epochs = req.hyperparameters.epochs ?? DEFAULT_EPOCHS[spec.type];
  const { price, source } = priceFor(req.baseModel, spec);
  const billedTokens = train.tokens * epochs;
  const perMTok = price.trainingPerMTok ?? null;
  const hash = req.dataset.hash?.replace(/^sha256:/, '') ?? (await sha256(`${req.training}\u0000${req.validation ?? ''}`));
  return {
    valid: !problems.some((p) => p.severity === 'error'),
    problems,
    trainExamples: train.examples,
    validationExamples: validation.examples,
    trainTokens: train.tokens,
    validationTokens: validation.tokens,
    epochs,
    estimate: { costUsd: perMTok === null ? null : usd((billedTokens * perMTok) / 1e6), trainingPerMTok: perMTok, billedTokens, source },
    datasetHash: `sha256:${hash}`,
  };
}
