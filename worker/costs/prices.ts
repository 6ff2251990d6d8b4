// The price of a model: the user's prices.json entry (exact name, else the longest `prefix*`)
// over the defaults from @pydantic/genai-prices. Looked up once per model per isolate. A model
// neither knows has no price: costs stay null ("unknown"), never 0.
import { calcPrice } from '@pydantic/genai-prices';
import userPrices from '../../prices.json';
import { priceFile, type ModelPriceEntry, type PriceFile } from './price-file';

/** Bumped with the package: the defaults' source says which data they come from. */
const DEFAULTS_SOURCE = '@pydantic/genai-prices 0.1.8';

export interface ModelPrice {
  /** USD per million tokens; null when unknown. */
  input: number | null;
  cachedInput: number | null;
  output: number | null;
  training: number | null;
  hostingPerHour: number | null;
  retires: string | null;
  source: string;
  date: string | null;
}

const parsedUserFile = priceFile.safeParse(userPrices);
if (!parsedUserFile.success) console.error('weir: prices.json is invalid and is ignored:', parsedUserFile.error.message);
const userFile: PriceFile = parsedUserFile.success ? parsedUserFile.data : { models: {} };

const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof (v as { base?: unknown })?.base === 'number' ? (v as { base: number }).base : null;

function defaultsFor(model: string): ModelPrice | undefined {
  let found: ReturnType<typeof calcPrice> = null;
  try {
    found = calcPrice({ input_tokens: 0, output_tokens: 0 }, model);
  } catch {
    found = null;
  }
  if (!found) return undefined;
  const p = found.model_price;
  const url = found.provider.pricing_urls?.[0];
  return {
    input: num(p.input_mtok),
    cachedInput: num(p.cache_read_mtok),
    output: num(p.output_mtok),
    training: null,
    hostingPerHour: null,
    retires: null,
    source: `${DEFAULTS_SOURCE}: ${found.provider.id}/${found.model.id}${url ? ` (${url})` : ''}`,
    date: null,
  };
}

function userEntryFor(model: string, file: PriceFile): ModelPriceEntry | undefined {
  if (Object.hasOwn(file.models, model)) return file.models[model];
  let best: string | undefined;
  for (const key of Object.keys(file.models))
    if (key.endsWith('*') && model.startsWith(key.slice(0, -1)) && (!best || key.length > best.length)) best = key;
  return best ? file.models[best] : undefined;
}

/** The merged price of one model, or undefined when neither the user file nor the defaults know it. */
export function lookupPrice(model: string, file: PriceFile = userFile): ModelPrice | undefined {
  const defaults = defaultsFor(model);
  const user = userEntryFor(model, file);
  if (!user) return defaults;
  const pick = <K extends keyof ModelPriceEntry>(k: K) => (user[k] !== undefined ? user[k] : undefined);
  return {
    input: pick('input') ?? defaults?.input ?? null,
    cachedInput: pick('cachedInput') ?? defaults?.cachedInput ?? null,
    output: pick('output') ?? defaults?.output ?? null,
    training: pick('training') ?? null,
    hostingPerHour: pick('hostingPerHour') ?? null,
    retires: pick('retires') ?? null,
    source: defaults && (user.input == null || user.output == null) ? `${user.source}; tokens: ${defaults.source}` : user.source,
    date: user.date,
  };
}

const cache = new Map<string, ModelPrice | null>();

/** lookupPrice for the user's file, memoised per isolate (the file is bundled, so it cannot change). */
export function priceOf(model: string): ModelPrice | undefined {
  let hit = cache.get(model);
  if (hit === undefined) cache.set(model, (hit = lookupPrice(model) ?? null));
  return hit ?? undefined;
}
