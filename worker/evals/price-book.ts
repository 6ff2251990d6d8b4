// What a model call and a training run cost, behind one small interface (PriceBook). Inference
// prices come from the run log's price table (worker/costs: the project's prices.json over the
// defaults generated from @pydantic/genai-prices), so an eval and the run log cost a call alike
// and the worker never bundles the package; training prices come from training-prices.ts. The
// eval file's own prices come first. An unknown price is null, never 0.
import { priceOf } from '../costs/prices';
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

function fromTable(model: string): InferencePrice | null {
  const p = priceOf(model);
  if (!p || p.input === null || p.output === null) return null;
  return {
    inputPerMTok: p.input,
    outputPerMTok: p.output,
    ...(p.cachedInput !== null ? { cachedInputPerMTok: p.cachedInput } : {}),
    source: p.source,
  };
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
      return fromTable(model);
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
