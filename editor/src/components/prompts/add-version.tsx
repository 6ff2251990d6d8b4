// A form for a new prompt version, starting from the latest text.
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { PromptVersion } from '../../api/types';
import { TemplateInput } from '../fields/template-field';

export function AddVersion({ name, base, onAdded }: { name: string; base?: PromptVersion; onAdded: () => void }) {
  const [text, setText] = useState('');
  const [model, setModel] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const messages = base && 'messages' in base.template ? base.template.messages : undefined;
  useEffect(() => {
    const m = base && 'messages' in base.template ? base.template.messages : undefined;
    setText(base && 'text' in base.template ? base.template.text : (m?.[m.map((x) => x.role).lastIndexOf('user')]?.content ?? ''));
    setModel(base?.model ?? '');
  }, [base]);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // A messages prompt keeps its shape: the edited text replaces its last user message.
      const template = messages
        ? { messages: messages.map((m, i) => (i === messages.map((x) => x.role).lastIndexOf('user') ? { ...m, content: text } : m)) }
        : { text };
      await api.addPromptVersion(name, { template, model: model || undefined, note: note || undefined });
      setNote('');
      onAdded();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => (e.preventDefault(), void submit())} data-testid="add-version">
      <div className="field-label">Add a version</div>
      {messages && <div className="field-help">This prompt is a message list; edit its user message.</div>}
      <TemplateInput value={text} onChange={(v) => setText(v ?? '')} rows={6} testId="new-version-text" />
      <div className="row">
        <input className="input" placeholder="default model (optional)" value={model} onChange={(e) => setModel(e.target.value)} />
        <input className="input" placeholder="note, e.g. shorter answers" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error && <div className="field-error">{error}</div>}
      <button className="btn btn-primary btn-small" disabled={busy || !text.trim()} data-testid="add-version-submit">
        {busy ? 'Adding…' : 'Add version'}
      </button>
    </form>
  );
}
