// Tag or untag the selected items at once.
import { useState } from 'react';

export function TagTools(props: { selected: number; onTag: (tag: string, add: boolean) => void }) {
  const [tag, setTag] = useState('');
  const clean = tag.trim();
  const ok = !!clean && clean.length <= 64 && !clean.includes(',') && props.selected > 0;
  return (
    <fieldset className="ds-tool" data-testid="ds-tag-tools">
      <legend>Tag {props.selected} selected</legend>
      <input className="input input-narrow" aria-label="Tag" data-testid="ds-tag-input" placeholder="tag" value={tag} onChange={(e) => setTag(e.target.value)} />
      <button className="btn btn-small" data-testid="ds-tag-add" disabled={!ok} onClick={() => props.onTag(clean, true)}>
        Add tag
      </button>
      <button className="btn btn-small btn-ghost" data-testid="ds-tag-remove" disabled={!ok} onClick={() => props.onTag(clean, false)}>
        Remove tag
      </button>
    </fieldset>
  );
}
