// The dataset table's cell editors: text (a value, JSON when it is not text), tags as a comma
// list, the split. Each commits on every change, so the unsaved mark and the row's problems
// follow the typing; JSON that does not parse yet is reported instead of being saved as text.
import { useEffect, useState } from 'react';
import { cellText, parseCell, tagsText } from './rows';

export function ValueCell(props: {
  value: unknown;
  label: string;
  testId: string;
  onChange: (value: unknown) => void;
  onError: (error: string | undefined) => void;
}) {
  const [text, setText] = useState(() => cellText(props.value));
  const [error, setError] = useState<string>();
  // A change from outside (a reload, an undo of a delete) replaces the text.
  useEffect(() => {
    setText((t) => {
      const parsed = parseCell(t, props.value);
      return 'value' in parsed && JSON.stringify(parsed.value) === JSON.stringify(props.value) ? t : cellText(props.value);
    });
  }, [props.value]);
  return (
    <textarea
      className={error ? 'input cell-input input-invalid' : 'input cell-input'}
      aria-label={props.label}
      aria-invalid={!!error}
      title={error}
      data-testid={props.testId}
      rows={1}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseCell(e.target.value, props.value);
        const err = 'error' in parsed ? parsed.error : undefined;
        setError(err);
        props.onError(err);
        if ('value' in parsed) props.onChange(parsed.value);
      }}
    />
  );
}

export function TagsCell(props: { tags: unknown; label: string; testId: string; onChange: (tags: string[]) => void }) {
  const [text, setText] = useState(() => tagsText(props.tags));
  useEffect(() => {
    setText((t) => (t.split(',').map((s) => s.trim()).filter(Boolean).join(', ') === tagsText(props.tags) ? t : tagsText(props.tags)));
  }, [props.tags]);
  return (
    <input
      className="input cell-input"
      aria-label={props.label}
      data-testid={props.testId}
      placeholder="tag, tag"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(e.target.value.split(','));
      }}
    />
  );
}

export function SplitCell(props: { split: unknown; label: string; testId: string; onChange: (split: string) => void }) {
  return (
    <select
      className="input cell-input"
      aria-label={props.label}
      data-testid={props.testId}
      value={typeof props.split === 'string' ? props.split : ''}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">none</option>
      <option value="train">train</option>
      <option value="validation">validation</option>
      <option value="test">test</option>
    </select>
  );
}
