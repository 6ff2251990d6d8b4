// Split into train/validation/test with a seed and ratios, using the same pure split as
// `weir dataset split` (worker/datasets/split.ts): the same seed gives the same split anywhere.
import { useState } from 'react';
import type { DatasetItem } from '../../../../worker/datasets/schema';
import { parseRatios, splitCounts, splitItems } from '../../../../worker/datasets/split';

export function SplitTools(props: { items: DatasetItem[]; onSplit: (split: Map<string, string>) => void }) {
  const [seed, setSeed] = useState('42');
  const [ratios, setRatios] = useState('80/10/10');
  const [stratify, setStratify] = useState(false);
  const [keep, setKeep] = useState(false);
  let parsed: ReturnType<typeof parseRatios> | undefined;
  let error: string | undefined;
  try {
    parsed = parseRatios(ratios);
  } catch (err) {
    error = (err as Error).message;
  }
  const n = keep ? props.items.filter((i) => !i.split).length : props.items.length;
  const counts = parsed ? splitCounts(n, parsed) : undefined;
  const apply = () => {
    if (!parsed) return;
    const out = splitItems(props.items, { seed, ratios: parsed, stratify, keep });
    props.onSplit(new Map(out.map((i) => [i.id, i.split ?? ''])));
  };
  return (
    <fieldset className="ds-tool" data-testid="ds-split-tools">
      <legend>Split</legend>
      <label>
        Seed
        <input className="input input-narrow" data-testid="ds-split-seed" value={seed} onChange={(e) => setSeed(e.target.value)} />
      </label>
      <label>
        Ratios (train/validation/test)
        <input
          className={error ? 'input input-narrow input-invalid' : 'input input-narrow'}
          data-testid="ds-split-ratios"
          value={ratios}
          onChange={(e) => setRatios(e.target.value)}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={stratify} onChange={(e) => setStratify(e.target.checked)} /> by first tag
      </label>
      <label className="check">
        <input type="checkbox" data-testid="ds-split-keep" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> only unsplit items
      </label>
      <button className="btn btn-small" data-testid="ds-split-apply" disabled={!parsed || !props.items.length} onClick={apply}>
        Split {n} item{n === 1 ? '' : 's'}
      </button>
      <span className={error ? 'field-error' : 'field-help'} data-testid="ds-split-preview">
        {error ?? (counts ? `→ ${counts.train} train · ${counts.validation} validation · ${counts.test} test` : '')}
      </span>
      {props.items.length === 0 && <span className="field-help">Fix the rows with problems first: only valid items are split.</span>}
    </fieldset>
  );
}
