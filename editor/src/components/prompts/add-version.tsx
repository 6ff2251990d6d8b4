// A form for a new prompt version, starting from the latest version as it is: every message
// (system included), model, temperature (0 kept) and max tokens. A preview renders it with an
// example input.
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { PromptTemplate, PromptVersion } from '../../api/types';
import { ModelInput } from '../fields/model-field';
import { MessageEditor } from './message-editor';
import { PromptPreview, type PreviewExample } from './prompt-preview';

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function AddVersion(props: { name: string; base?: PromptVersion; examples?: PreviewExample[]; onAdded: () => void }) {
  const { name, base } = props;
  const [template, setTemplate] = useState<PromptTemplate>({ text: '' });
  const [model, setModel] = useState('');
  const [temperature, setTemperature] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setTemplate(base ? structuredClone(base.template) : { text: '' });
    setModel(base?.model ?? '');
    setTemperature(base?.temperature === undefined ? '' : String(base.temperature));
    setMaxTokens(base?.maxTokens === undefined ? '' : String(base.maxTokens));
  }, [base]);
  const t = num(temperature);
  const m = num(maxTokens);
  const invalid =
    (t !== undefined && !(t >= 0 && t <= 2) && 'Temperature is a number from 0 to 2.') ||
    (m !== undefined && !(Number.isInteger(m) && m > 0) && 'Max tokens is a whole number above 0.') ||
    undefined;
  const empty = 'text' in template ? !template.text.trim() : template.messages.every((x) => !x.content.trim());
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const messages = 'messages' in template ? { messages: template.messages.filter((x) => x.content.trim()) } : template;
      await api.addPromptVersion(name, {
        template: messages,
        model: model || undefined,
        temperature: t,
        maxTokens: m,
        note: note || undefined,
      });
      setNote('');
      props.onAdded();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="add-version-col">
      <form className="card" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="add-version">
        <div className="field-label">{base ? `Add a version (starts from version ${base.version})` : 'Add the first version'}</div>
        <MessageEditor value={template} onChange={setTemplate} />
        <div className="settings-grid">
          <span className="settings-label">Model</span>
          <ModelInput value={model} onChange={(v) => setModel(typeof v === 'string' ? v : '')} testId="new-version-model" />
          <label htmlFor="nv-temperature">Temperature</label>
          <input
            id="nv-temperature"
            className="input"
            type="number"
            step={0.1}
            min={0}
            max={2}
            value={temperature}
            onChange={(e) => setTemperature(e.target.value)}
            data-testid="new-version-temperature"
          />
          <label htmlFor="nv-max-tokens">Max tokens</label>
          <input
            id="nv-max-tokens"
            className="input"
            type="number"
            step={1}
            min={1}
            value={maxTokens}
            onChange={(e) => setMaxTokens(e.target.value)}
            data-testid="new-version-max-tokens"
          />
          <label htmlFor="nv-note">Note</label>
          <input
            id="nv-note"
            className="input"
            placeholder="e.g. shorter answers"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="new-version-note"
          />
        </div>
        {(invalid || error) && <div className="field-error">{invalid ?? error}</div>}
        <button className="btn btn-primary btn-small" disabled={busy || empty || !!invalid} data-testid="add-version-submit">
          {busy ? 'Adding…' : 'Add version'}
        </button>
      </form>
      <PromptPreview template={template} examples={props.examples ?? []} />
    </div>
  );
}
