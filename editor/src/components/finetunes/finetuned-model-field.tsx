// The fine-tuned node's model field: free text (any id the provider accepts), plus a picker over
// the model registry (base model, training cost, retirement flagged within 30 days or past) and
// the configured providers' models. Picking a registry model also sets the node's base model.
import { useContext, useEffect, useRef, useState } from 'react';
import { setNodeData } from '../../state/flow-edit';
import { EditorContext } from '../../state/use-editor';
import { useProviders } from '../../state/use-providers';
import { money } from './job-format';
import { RetirementBadge } from './registry-table';
import { useRegistry } from './use-registry';
import type { Problem } from '../../engine';
import './common.css';

export function FinetunedModelInput(props: { value: unknown; onChange: (v: unknown) => void; testId: string; problems?: Problem[] }) {
  const ed = useContext(EditorContext);
  const providers = useProviders();
  const registry = useRegistry();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const value = typeof props.value === 'string' ? props.value : '';
  const entry = registry.models?.find((m) => m.model === value);
  const node = ed && ed.selectedNodes.size === 1 ? ed.flow.nodes.find((n) => ed.selectedNodes.has(n.id)) : undefined;

  useEffect(() => {
    if (!open) return;
    registry.reload();
    const away = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read the registry again on each opening
  }, [open]);

  const pick = (model: string, baseModel?: string) => {
    setOpen(false);
    if (ed && node && baseModel) {
      const data = { ...(node.data as Record<string, unknown>), model, baseModel };
      ed.update((f) => setNodeData(f, node.id, data), `data:${node.id}:model`);
    } else props.onChange(model);
  };
  const tuned = registry.models ?? [];
  return (
    <div className="model-picker" ref={box} onKeyDown={(e) => e.key === 'Escape' && open && (e.stopPropagation(), setOpen(false))}>
      <div className="row">
        <input
          className="input code"
          data-testid={props.testId}
          value={value}
          placeholder="ft:gpt-4o-mini-2024-07-18:org:name:id"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        />
        <button
          type="button"
          className="btn btn-small"
          aria-haspopup="listbox"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          data-testid={`${props.testId}-picker`}
        >
          Pick…
        </button>
      </div>
      {open && (
        <div className="model-menu" role="listbox" aria-label="Models" data-testid="model-menu">
          <div className="model-menu-group">Fine-tuned models (registry)</div>
          {registry.error && <div className="field-error">{registry.error}</div>}
          {!registry.error && tuned.length === 0 && (
            <div className="muted model-menu-empty">None yet: a job's model is registered when it succeeds.</div>
          )}
          {tuned.map((m) => (
            <button
              type="button"
              role="option"
              aria-selected={m.model === value}
              key={m.model}
              className="model-option"
              onClick={() => pick(m.model, m.baseModel)}
              data-testid={`registry-option-${m.model}`}
            >
              <code>{m.model}</code>
              <span className="model-option-meta">
                base {m.baseModel} · trained for {money(m.trainingCostUsd)} · <RetirementBadge m={m} />
              </span>
            </button>
          ))}
          {(providers ?? []).map((p) => (
            <div key={p.name}>
              <div className="model-menu-group">
                {p.name} ({p.type})
              </div>
              {p.models.map((m) => (
                <button
                  type="button"
                  role="option"
                  aria-selected={m === value}
                  key={m}
                  className="model-option"
                  onClick={() => pick(m)}
                  data-testid={`provider-option-${m}`}
                >
                  <code>{m}</code>
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
      {entry && (
        <div
          className={entry.retirement ? 'field-warn' : 'field-help'}
          data-testid={entry.retirement ? 'model-retirement' : 'model-registry-line'}
        >
          {entry.retirement === 'retired'
            ? `Retired on ${entry.retiresAt}: calls fail. Replace it (below) with a prompt on a current model or a re-train.`
            : entry.retirement === 'retiring'
              ? `Retires on ${entry.retiresAt}, within 30 days: plan a replacement (below).`
              : `From the registry: base ${entry.baseModel}, trained for ${money(entry.trainingCostUsd)}${entry.retiresAt ? `, retires ${entry.retiresAt}` : ''}.`}
        </div>
      )}
    </div>
  );
}
