// Export for fine-tuning, in the browser, with the same code as `weir dataset export`: one JSONL
// for train and one for validation in the provider's shape, test items never included, the
// providers' offline checks, and token counts. Downloads are the files as they would be uploaded.
import { useMemo, useState } from 'react';
import { exportDataset } from '../../../../worker/datasets/export';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../worker/datasets/provider-checks';
import type { DatasetItem } from '../../../../worker/datasets/schema';
import { downloadText } from '../ui/download';

export function ExportPanel(props: { name: string; items: DatasetItem[]; dirty: boolean }) {
  const [format, setFormat] = useState<ExportFormat>('openai-chat');
  const [includeUnsplit, setIncludeUnsplit] = useState(false);
  const result = useMemo(() => exportDataset(props.items, { format, includeUnsplit }), [props.items, format, includeUnsplit]);
  const errors = result.problems.filter((p) => p.severity === 'error');
  return (
    <fieldset className="ds-tool ds-export" data-testid="ds-export">
      <legend>Export for fine-tuning</legend>
      <select className="input input-narrow" aria-label="Format" data-testid="ds-export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
        {EXPORT_FORMATS.map((f) => (
          <option key={f}>{f}</option>
        ))}
      </select>
      <label className="check">
        <input type="checkbox" checked={includeUnsplit} onChange={(e) => setIncludeUnsplit(e.target.checked)} /> unsplit items go to train
      </label>
      <span className="field-help" data-testid="ds-export-summary">
        {result.files.map((f) => `${f.examples} ${f.split} (${f.tokens} tokens)`).join(' · ') || 'nothing to export'}
        {` · left out: ${result.left.test} test`}
        {result.left.unsplit ? `, ${result.left.unsplit} without a split` : ''}
        {result.left.invalid ? `, ${result.left.invalid} invalid` : ''}
        {props.dirty ? ' · from the unsaved table' : ''}
      </span>
      {result.files.map((f) => (
        <button
          key={f.split}
          className="btn btn-small"
          data-testid={`ds-export-${f.split}`}
          onClick={() => downloadText(`${props.name}.${f.split}.${format}.jsonl`, f.text, 'application/jsonl')}
        >
          Download {f.split}.jsonl
        </button>
      ))}
      {result.problems.length > 0 && (
        <ul className={errors.length ? 'ds-export-problems bad' : 'ds-export-problems'} data-testid="ds-export-problems">
          {result.problems.slice(0, 6).map((p, i) => (
            <li key={i}>
              {p.path && p.path !== '$' ? <code>{p.path}</code> : null} {p.message}
            </li>
          ))}
          {result.problems.length > 6 && <li>…and {result.problems.length - 6} more</li>}
        </ul>
      )}
    </fieldset>
  );
}
