// A Mustache template field: the text, its variables as chips and a preview with the tags
// highlighted; parse errors show as you type.
import { useMemo, useRef } from 'react';
import { templateVariables } from '../../engine';

export function analyseTemplate(text: string): { variables: string[]; error?: string } {
  try {
    return { variables: [...new Set(templateVariables(text).map((v) => v.name))] };
  } catch (err) {
    return { variables: [], error: (err as Error).message.replace(/^template does not parse: /, '') };
  }
}

export function HighlightedTemplate({ text }: { text: string }) {
  const parts = text.split(/(\{\{\{?[^}]*\}?\}\})/g);
  return (
    <pre className="template-preview">
      {parts.map((p, i) =>
        i % 2 ? (
          <mark key={i} className="template-var">
            {p}
          </mark>
        ) : (
          p
        ),
      )}
    </pre>
  );
}

export function VariableChips({ names }: { names: string[] }) {
  if (!names.length) return <div className="field-help">No variables.</div>;
  return (
    <div className="chips">
      {names.map((n) => (
        <code key={n} className="chip">
          {n}
        </code>
      ))}
    </div>
  );
}

export function TemplateInput(props: { value: unknown; onChange: (v: string | undefined) => void; rows?: number; testId?: string }) {
  const text = typeof props.value === 'string' ? props.value : '';
  const { variables, error } = useMemo(() => analyseTemplate(text), [text]);
  const backdrop = useRef<HTMLPreElement>(null);
  return (
    <div className="template-field">
      <div className="highlight-wrap">
        {/* The backdrop repeats the text invisibly with the {{tags}} marked, under a transparent textarea. */}
        <pre className="input code highlight-backdrop" ref={backdrop} aria-hidden>
          {text.split(/(\{\{\{?[^}]*\}?\}\})/g).map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p))}
          {'\n'}
        </pre>
        <textarea
          className="input code highlight-input"
          rows={props.rows ?? 4}
          spellCheck={false}
          data-testid={props.testId}
          onScroll={(e) => backdrop.current && (backdrop.current.scrollTop = e.currentTarget.scrollTop)}
          value={text}
          placeholder="Text with {{input.question}} or {{nodes.<id>.output}}"
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      </div>
      {error ? <div className="field-error">{error}</div> : text && <VariableChips names={variables} />}
    </div>
  );
}
