// Add an item, add an input field (a new column), delete the selected items.
import { useState } from 'react';

export function ItemTools(props: { selected: number; onAdd: () => void; onAddField: (name: string) => boolean; onDeleteSelected: () => void }) {
  const [name, setName] = useState('');
  const add = () => props.onAddField(name) && setName('');
  return (
    <fieldset className="ds-tool">
      <legend>Items</legend>
      <button className="btn btn-small" data-testid="ds-add" onClick={props.onAdd}>
        + Add item
      </button>
      <input
        className="input input-narrow"
        aria-label="New input field"
        data-testid="ds-new-field"
        placeholder="new input field"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && add()}
      />
      <button className="btn btn-small btn-ghost" onClick={add} disabled={!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.trim())} title="Letters, digits and _">
        + Field
      </button>
      <button className="btn btn-small btn-ghost" data-testid="ds-delete-selected" disabled={!props.selected} onClick={props.onDeleteSelected}>
        Delete {props.selected || ''} selected
      </button>
    </fieldset>
  );
}
