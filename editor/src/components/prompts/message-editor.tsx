// Edits a prompt template: one text, or a list of chat messages (system, user, assistant), each
// editable, added, removed and reordered.
import type { PromptTemplate } from '../../api/types';
import { TemplateInput } from '../fields/template-field';

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

export function MessageEditor({ value, onChange }: { value: PromptTemplate; onChange: (t: PromptTemplate) => void }) {
  if ('text' in value)
    return (
      <>
        <TemplateInput value={value.text} onChange={(v) => onChange({ text: v ?? '' })} rows={6} testId="new-version-text" />
        <button
          type="button"
          className="link-btn"
          data-testid="to-messages"
          onClick={() =>
            onChange({
              messages: [
                { role: 'system', content: '' },
                { role: 'user', content: value.text },
              ],
            })
          }
        >
          Use chat messages (add a system message)
        </button>
      </>
    );
  const messages = value.messages;
  const set = (next: Message[]) => onChange({ messages: next });
  const edit = (i: number, patch: Partial<Message>) => set(messages.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="message-list" data-testid="message-list">
      {messages.map((m, i) => (
        <div className="message-row" key={i} data-testid={`message-${i}`}>
          <div className="row">
            <select
              className="input input-narrow"
              aria-label={`Message ${i + 1} role`}
              value={m.role}
              onChange={(e) => edit(i, { role: e.target.value as Message['role'] })}
              data-testid={`message-role-${i}`}
            >
              <option>system</option>
              <option>user</option>
              <option>assistant</option>
            </select>
            <div className="grow" />
            <button
              type="button"
              className="icon-btn"
              aria-label={`Move message ${i + 1} up`}
              disabled={i === 0}
              onClick={() => set(messages.map((x, j) => (j === i - 1 ? messages[i] : j === i ? messages[i - 1] : x)))}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-btn"
              aria-label={`Remove message ${i + 1}`}
              disabled={messages.length === 1}
              onClick={() => set(messages.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
          <TemplateInput
            value={m.content}
            onChange={(v) => edit(i, { content: v ?? '' })}
            rows={m.role === 'system' ? 3 : 5}
            testId={`message-content-${i}`}
          />
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        data-testid="add-message"
        onClick={() => set([...messages, { role: 'user', content: '' }])}
      >
        + Message
      </button>
    </div>
  );
}
