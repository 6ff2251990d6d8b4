// A prompt rendered with an example input, exactly as a run would render it (the engine's
// Mustache renderer). `nodes.*` values come from upstream nodes at run time and are blank here.
import { useEffect, useMemo, useState } from 'react';
import type { PromptTemplate } from '../../api/types';
import { renderTemplate } from '../../engine';

export interface PreviewExample {
  name: string;
  input: unknown;
}

export function PromptPreview({ template, examples }: { template: PromptTemplate; examples: PreviewExample[] }) {
  const [chosen, setChosen] = useState(0);
  const [text, setText] = useState(() =>
    JSON.stringify(examples[0]?.input ?? { question: 'How do I troubleshoot error code E5 on the X1000?' }, null, 2),
  );
  const [error, setError] = useState<string>();
  // Examples arrive after the first render (they are read from the flows that use the prompt).
  const first = examples[0]?.input;
  useEffect(() => {
    if (first !== undefined) setText(JSON.stringify(first, null, 2));
  }, [first]);
  const rendered = useMemo(() => {
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (err) {
      return { error: `input is not JSON: ${(err as Error).message}` };
    }
    try {
      const scope = { input, nodes: {} };
      const parts = 'text' in template ? [{ role: 'user', content: template.text }] : template.messages;
      return { messages: parts.map((m) => ({ role: m.role, content: renderTemplate(m.content, scope) })) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }, [template, text]);
  return (
    <div className="card prompt-preview" data-testid="prompt-preview">
      <div className="field-label">Preview with an example input</div>
      {examples.length > 0 && (
        <select
          className="input"
          aria-label="Example"
          value={chosen}
          data-testid="preview-example"
          onChange={(e) => {
            const i = Number(e.target.value);
            setChosen(i);
            setText(JSON.stringify(examples[i].input, null, 2));
            setError(undefined);
          }}
        >
          {examples.map((x, i) => (
            <option key={i} value={i}>
              {x.name}
            </option>
          ))}
        </select>
      )}
      <textarea
        className="input code"
        aria-label="Example input (JSON)"
        rows={Math.min(8, Math.max(3, text.split('\n').length))}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="preview-input"
      />
      {(error ?? rendered.error) && <div className="field-error">{error ?? rendered.error}</div>}
      {rendered.messages?.map((m, i) => (
        <div key={i} className="preview-message" data-testid="preview-message">
          <span className="field-type">{m.role}</span>
          <pre className="code-block">{m.content}</pre>
        </div>
      ))}
    </div>
  );
}
