// Training and inference prices of fine-tunable base models (US dollars per million tokens), for
// the estimate shown before a job starts and for the registry. Unknown is null, never 0. A
// trainer's `prices` in TRAINERS override this table. (The eval price book in worker/evals keeps
// a similar table; one should serve both once the branches meet.)
import type { TrainerPrice, TrainerSpec } from './trainer-config';

const OPENAI = 'https://openai.com/api/pricing (fine-tuning), read 2025-06';

const table: { match: RegExp; price: TrainerPrice; source: string }[] = [
  {
    match: /^gpt-4o-mini(-2024-07-18)?$/,
    price: { trainingPerMTok: 3, inputPerMTok: 0.3, cachedInputPerMTok: 0.15, outputPerMTok: 1.2, hostingPerHour: 0 },
    source: OPENAI,
  },
  {
    match: /^gpt-4o(-2024-08-06)?$/,
    price: { trainingPerMTok: 25, inputPerMTok: 3.75, cachedInputPerMTok: 1.875, outputPerMTok: 15, hostingPerHour: 0 },
    source: OPENAI,
  },
  {
    match: /^gpt-4\.1(-2025-04-14)?$/,
    price: { trainingPerMTok: 25, inputPerMTok: 3, cachedInputPerMTok: 0.75, outputPerMTok: 12, hostingPerHour: 0 },
    source: OPENAI,
  },
  {
    match: /^gpt-4\.1-mini(-2025-04-14)?$/,
    price: { trainingPerMTok: 5, inputPerMTok: 0.8, cachedInputPerMTok: 0.2, outputPerMTok: 3.2, hostingPerHour: 0 },
    source: OPENAI,
  },
  {
    match: /^gpt-4\.1-nano(-2025-04-14)?$/,
    price: { trainingPerMTok: 1.5, inputPerMTok: 0.2, cachedInputPerMTok: 0.05, outputPerMTok: 0.8, hostingPerHour: 0 },
    source: OPENAI,
  },
  {
    match: /^gpt-3\.5-turbo(-0125)?$/,
    price: { trainingPerMTok: 8, inputPerMTok: 3, outputPerMTok: 6, hostingPerHour: 0 },
    source: OPENAI,
  },
];

export interface PriceLookup {
  price: TrainerPrice;
  source: string | null;
}

/** The trainer's configured price for the base model, else the table's, else nothing known. */
export function priceFor(baseModel: string, spec?: Pick<TrainerSpec, 'prices'>): PriceLookup {
  const configured = spec?.prices?.[baseModel];
  const known = table.find((t) => t.match.test(baseModel));
  if (configured) return { price: { ...known?.price, ...configured }, source: 'TRAINERS prices' };
  return known ? { price: known.price, source: known.source } : { price: {}, source: null };
}

export const usd = (n: number) => Math.round(n * 1e6) / 1e6;
