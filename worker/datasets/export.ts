// Fine-tuning files from a dataset: one JSONL for the train split and one for validation, in
// the provider's shape. Test items are never exported for training; items without a split are
// left out (with a warning) unless asked for. Flow-level items become one user turn (the input,
// as a fine-tuned node without a prompt sends it), node-level items keep their messages.
import { inputAsText } from '../engine/nodes/model-call';
import type { Problem } from '../engine/problems';
import type { PriceBook } from '../evals/price-book';
import { checkCounts, checkExample, rulesFor, type ExportFormat } from './provider-checks';
import type { ChatMessageItem, DatasetItem } from './schema';
import { messagesTokens } from './tokens';

export interface ExportOptions {
  format: ExportFormat;
  /** Prepended as the system message when an example has none. */
  system?: string;
  /** The model to be tuned: picks the token limit and the training price. */
  baseModel?: string;
  /** Overrides the provider's per-example token limit. */
  maxTokensPerExample?: number;
  /** Put items without a split in the train file. */
  includeUnsplit?: boolean;
  epochs?: number;
}

export interface ExportFile {
  split: 'train' | 'validation';
  /** Canonical JSONL text. */
  text: string;
  examples: number;
  tokens: number;
}

export interface ExportResult {
  files: ExportFile[];
  problems: Problem[];
  /** Items left out: the test split (never exported) and items without a split. */
  left: { test: number; unsplit: number; invalid: number };
  tokens: { train: number; validation: number };
  cost: { perMTok: number | null; perEpoch: number | null; epochs: number; total: number | null; source?: string };
}

const answerText = (expected: unknown): string => (typeof expected === 'string' ? expected : JSON.stringify(expected));

function promptMessages(item: DatasetItem, system?: string): ChatMessageItem[] {
  const messages: ChatMessageItem[] = item.messages ? [...item.messages] : [{ role: 'user', content: inputAsText(item.input ?? {}) }];
  if (system && messages[0]?.role !== 'system') messages.unshift({ role: 'system', content: system });
  return messages;
}

function exampleLine(format: ExportFormat, prompt: ChatMessageItem[], answer: string, rejected?: string): unknown {
  if (format === 'openai-dpo')
    return {
      input: { messages: prompt },
      preferred_output: [{ role: 'assistant', content: answer }],
      non_preferred_output: [{ role: 'assistant', content: rejected }],
    };
  return { messages: [...prompt, { role: 'assistant', content: answer }] };
}

export function exportDataset(items: readonly DatasetItem[], opts: ExportOptions, prices?: PriceBook): ExportResult {
  const rules = rulesFor(opts.format, opts.baseModel);
  const problems: Problem[] = [];
  const left = { test: 0, unsplit: 0, invalid: 0 };
  const out = { train: [] as string[], validation: [] as string[] };
  const tokens = { train: 0, validation: 0 };
  for (const item of items) {
    const split = item.split ?? (opts.includeUnsplit ? 'train' : undefined);
    if (split === 'test') {
      left.test++;
      continue;
    }
    if (!split) {
      left.unsplit++;
      continue;
    }
    const where = `item ${item.id}`;
    if (item.expected === undefined) {
      problems.push({ code: 'missing_expected', message: 'the item has no expected answer to train on', path: where, severity: 'error' });
      left.invalid++;
      continue;
    }
    if (opts.format === 'openai-dpo' && !item.rejected) {
      problems.push({ code: 'missing_rejected', message: 'DPO needs a rejected (non-preferred) answer', path: where, severity: 'error' });
      left.invalid++;
      continue;
    }
    const prompt = promptMessages(item, opts.system);
    const answer = answerText(item.expected);
    const conversation: ChatMessageItem[] = [...prompt, { role: 'assistant', content: answer }];
    const found = checkExample(conversation, rules, where, opts.maxTokensPerExample);
    if (found.some((p) => p.severity === 'error')) {
      problems.push(...found);
      left.invalid++;
      continue;
    }
    out[split].push(JSON.stringify(exampleLine(opts.format, prompt, answer, item.rejected)));
    tokens[split] += messagesTokens(opts.format === 'openai-dpo' ? [...conversation, { role: 'assistant', content: item.rejected! }] : conversation);
  }
  if (left.unsplit > 0)
    problems.push({
      code: 'unsplit_items',
      message: `${left.unsplit} item(s) have no split and were left out; run weir dataset split (or pass --include-unsplit)`,
      path: '$',
      severity: 'warning',
    });
  problems.push(...checkCounts(out.train.length, rules));
  const files: ExportFile[] = (['train', 'validation'] as const)
    .filter((s) => out[s].length > 0)
    .map((split) => ({ split, text: out[split].map((l) => l + '\n').join(''), examples: out[split].length, tokens: tokens[split] }));
  const epochs = opts.epochs ?? 3;
  const training = opts.baseModel && prices ? prices.training(opts.baseModel) : null;
  const perEpoch = training ? (tokens.train * training.perMTok) / 1_000_000 : null;
  return {
    files,
    problems,
    left,
    tokens,
    cost: {
      perMTok: training?.perMTok ?? null,
      perEpoch,
      epochs,
      total: perEpoch === null ? null : perEpoch * epochs,
      ...(training ? { source: `${training.source}, as of ${training.asOf}` } : {}),
    },
  };
}
