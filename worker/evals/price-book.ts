// What a model call and a training run cost. One small interface (PriceBook) so the eval
// report, the dataset export and the run log's price table can be unified later; this
// implementation takes inference prices from @pydantic/genai-prices and training prices from
// training-prices.ts, with the eval file's own prices first. An unknown price is null, never 0.
import { calcPrice } from '@pydantic/genai-prices';
import { findTrainingPrice, type TrainingPrice } from './training-prices';

export interface InferencePrice {
  /** US dollars per million tokens. */
  inputPerMTok: number;
  cachedInputPerMTok?: number;
  outputPerMTok: number;
  source: string;
}

export interface PriceBook {
  inference(model: string): InferencePrice | null;
  training(baseModel: string): TrainingPrice | null;
}

export interface PriceOverride {
  input?: number;
  cachedInput?: number;
  output?: number;
  training?: number;
  hostingPerHour?: number;
  retires?: string;
}

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

const cache = new Map<string, InferencePrice | null>();

function fromPackage(model: string): InferencePrice | null {
  if (cache.has(model)) return cache.get(model)!;
  let found: InferencePrice | null = null;
  // Fine-tuned OpenAI ids (ft:gpt-4o-mini-...) only match inside the OpenAI provider.
  const providerId = model.startsWith('ft:') ? 'openai' : undefined;
  try {
    const r = calcPrice({ input_tokens: 1_000_000, output_tokens: 1_000_000 }, model, providerId ? { providerId } : undefined);
    const p = r?.model_price;
    if (r && p && typeof p.input_mtok === 'number' && typeof p.output_mtok === 'number') {
      found = {
        inputPerMTok: p.input_mtok,
        outputPerMTok: p.output_mtok,
        ...(typeof p.cache_read_mtok === 'number' ? { cachedInputPerMTok: p.cache_read_mtok } : {}),
        source: `@pydantic/genai-prices (${r.provider.id}/${r.model.id})`,
      };
    }
  } catch {
    found = null;
  }
  cache.set(model, found);
  return found;
}

export function createPriceBook(overrides: Record<string, PriceOverride> = {}): PriceBook {
  return {
    inference(model) {
      const o = Object.hasOwn(overrides, model) ? overrides[model] : undefined;
      if (o?.input !== undefined && o.output !== undefined)
        return {
          inputPerMTok: o.input,
          outputPerMTok: o.output,
          ...(o.cachedInput !== undefined ? { cachedInputPerMTok: o.cachedInput } : {}),
          source: 'eval file',
        };
      return fromPackage(model);
    },
    training(baseModel) {
      const o = Object.hasOwn(overrides, baseModel) ? overrides[baseModel] : undefined;
      const table = findTrainingPrice(baseModel);
      if (o?.training === undefined) return table && { ...table, ...(o?.hostingPerHour !== undefined ? { hostingPerHour: o.hostingPerHour } : {}), ...(o?.retires ? { retires: o.retires } : {}) };
      return {
        perMTok: o.training,
        hostingPerHour: o.hostingPerHour ?? table?.hostingPerHour ?? null,
        ...(o.retires ?? table?.retires ? { retires: o.retires ?? table?.retires } : {}),
        source: 'eval file',
        asOf: table?.asOf ?? '',
      };
    },
  };
}

/** US dollars for one call, or null when the model has no known price. */
export function callCost(book: PriceBook, model: string, tokens: TokenCounts): number | null {
  const p = book.inference(model);
  if (!p) return null;
  const cached = Math.min(tokens.cachedInputTokens ?? 0, tokens.inputTokens);
  const cachedPrice = p.cachedInputPerMTok ?? p.inputPerMTok;
  return ((tokens.inputTokens - cached) * p.inputPerMTok + cached * cachedPrice + tokens.outputTokens * p.outputPerMTok) / 1_000_000;
}
