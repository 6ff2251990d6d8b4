// The prompt picker: a KV prompt (name, then label or version) with its resolved text and
// variables, or an inline template.
import { useContext, useState } from 'react';
import { api } from '../../api/endpoints';
import { EditorContext } from '../../state/use-editor';
import { PromptPreview } from '../prompts/prompt-preview';
import type { Problem } from '../../engine';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { HighlightedTemplate, TemplateInput, VariableChips, analyseTemplate } from './template-field';

type PromptValue = { ref: string } | { text: string } | undefined;

const splitRef = (ref: string) => {
  const at = ref.lastIndexOf('@');
  return at < 0 ? { name: ref, pin: '' } : { name: ref.slice(0, at), pin: ref.slice(at + 1) };
};

export function PromptInput(props: { value: unknown; optional: boolean; onChange: (v: PromptValue) => void; problems?: Problem[] }) {
  const value = props.value as PromptValue;
  const mode = value && 'ref' in value ? 'ref' : value && 'text' in value ? 'text' : 'none';
  return (
    <div className="prompt-field">
      <div className="segmented" role="tablist">
        <button
          className={mode === 'ref' ? 'on' : ''}
          data-testid="prompt-mode-ref"
          onClick={() => mode !== 'ref' && props.onChange({ ref: '' })}
        >
          KV prompt
        </button>
        <button
          className={mode === 'text' ? 'on' : ''}
          data-testid="prompt-mode-text"
          onClick={() => mode !== 'text' && props.onChange({ text: '{{input.question}}' })}
        >
          Inline template
        </button>
        {props.optional && (
          <button className={mode === 'none' ? 'on' : ''} onClick={() => props.onChange(undefined)}>
            None
          </button>
        )}
      </div>
      {mode === 'ref' && <RefPicker value={(value as { ref: string }).ref} onChange={(ref) => props.onChange({ ref })} />}
      {mode === 'text' && (
        <>
          <TemplateInput
            value={(value as { text: string }).text}
            rows={5}
            testId="prompt-text"
            onChange={(text) => props.onChange({ text: text ?? '' })}
          />
          <ToKvPrompt text={(value as { text: string }).text} onDone={(ref) => props.onChange({ ref })} />
          <NodePreview template={{ text: (value as { text: string }).text }} />
        </>
      )}
      {mode === 'none' && <div className="field-help">The model gets the request input as the user message.</div>}
    </div>
  );
}

/** Turns the inline template into a KV prompt (version 1, labelled production) and points the node at it. */
function ToKvPrompt({ text, onDone }: { text: string; onDone: (ref: string) => void }) {
  const ed = useContext(EditorContext);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const valid = /^[a-z0-9][a-z0-9_-]{0,63}$/.test(name);
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const taken = (await api.listPrompts()).some((p) => p.name === name);
      if (taken) throw new Error(`a prompt named "${name}" exists; choose another name`);
      const { version } = await api.addPromptVersion(name, {
        template: { text },
        note: `from ${ed?.flow.id ?? 'a flow'}'s inline template`,
      });
      await api.setLabel(name, 'production', version);
      onDone(`${name}@production`);
      setOpen(false);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button type="button" className="link-btn left" onClick={() => setOpen(true)} data-testid="to-kv-prompt">
        Turn into a KV prompt…
      </button>
    );
  return (
    <div className="to-kv" data-testid="to-kv-form">
      <label className="field-label" htmlFor="to-kv-name">
        New KV prompt name
      </label>
      <div className="row">
        <input
          id="to-kv-name"
          className="input code"
          value={name}
          placeholder="e.g. support-answer"
          onChange={(e) => setName(e.target.value.trim())}
          data-testid="to-kv-name"
        />
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={!valid || busy}
          onClick={() => void create()}
          data-testid="to-kv-create"
        >
          Create
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <div className="field-help">Creates version 1 with this text, labels it production and points this node at name@production.</div>
      {name && !valid && <div className="field-error">Lowercase letters, digits, - and _.</div>}
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** The node's prompt rendered with the flow's examples. */
function NodePreview({
  template,
}: {
  template: { text: string } | { messages: { role: 'system' | 'user' | 'assistant'; content: string }[] };
}) {
  const ed = useContext(EditorContext);
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="link-btn left" onClick={() => setOpen(true)} data-testid="preview-prompt">
        Preview with an example…
      </button>
    );
  return <PromptPreview template={template} examples={(ed?.flow.examples ?? []).map((x) => ({ name: x.name, input: x.input }))} />;
}

function RefPicker({ value, onChange }: { value: string; onChange: (ref: string) => void }) {
  const { name, pin } = splitRef(value);
  const prompts = useAsync(() => api.listPrompts(), []);
  if (prompts.loading && !prompts.data) return <Loading what="prompts" />;
  if (prompts.error) return <ErrorState error={prompts.error} retry={prompts.reload} />;
  const list = prompts.data ?? [];
  const chosen = list.find((p) => p.name === name);
  const pins = chosen ? [...Object.keys(chosen.labels), ...Array.from({ length: chosen.latest }, (_, i) => String(chosen.latest - i))] : [];
  return (
    <div className="ref-picker">
      <div className="row">
        <select
          className="input"
          data-testid="prompt-name"
          value={name}
          onChange={(e) => {
            const p = list.find((x) => x.name === e.target.value);
            onChange(p ? `${p.name}@${'production' in p.labels ? 'production' : p.latest}` : '');
          }}
        >
          <option value="">Choose a prompt…</option>
          {list.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
        <select
          className="input input-narrow"
          data-testid="prompt-pin"
          value={pin}
          disabled={!chosen}
          onChange={(e) => onChange(`${name}@${e.target.value}`)}
        >
          {pins.map((p) => (
            <option key={p} value={p}>
              {/^\d+$/.test(p) ? `version ${p}` : `${p} (v${chosen!.labels[p]})`}
            </option>
          ))}
        </select>
      </div>
      {!list.length && <div className="field-help">No prompts yet: add one in Prompts.</div>}
      {name && pin && <ResolvedPreview refText={`${name}@${pin}`} />}
    </div>
  );
}

function ResolvedPreview({ refText }: { refText: string }) {
  const resolved = useAsync(() => api.resolvePrompt(refText), [refText]);
  if (resolved.loading && !resolved.data) return <Loading what="the prompt" />;
  if (resolved.error) return <ErrorState error={resolved.error} />;
  const r = resolved.data!;
  const texts = 'text' in r.template ? [r.template.text] : r.template.messages.map((m) => `[${m.role}]\n${m.content}`);
  const variables = r.variables ?? [...new Set(texts.flatMap((t) => analyseTemplate(t).variables))];
  return (
    <div className="resolved" data-testid="prompt-resolved">
      <div className="field-help">
        Resolves to version {r.version}
        {r.model ? ` · default model ${r.model}` : ''}
      </div>
      {texts.map((t, i) => (
        <HighlightedTemplate key={i} text={t} />
      ))}
      <VariableChips names={variables} />
      <NodePreview template={r.template} />
    </div>
  );
}
