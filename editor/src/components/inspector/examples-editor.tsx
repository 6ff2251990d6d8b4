// The flow's examples as JSON, checked as you type (state/examples.ts), issues listed inline.
import { useEffect, useMemo, useState } from 'react';
import type { Flow, FlowExample } from '../../engine';
import { checkExamples, showExamples as show } from '../../state/examples';

export function ExamplesEditor({ flow, onChange }: { flow: Flow; onChange: (examples: FlowExample[] | undefined) => void }) {
  const [text, setText] = useState(() => show(flow.examples));
  // Follow the flow when it changes from outside (undo), unless the text already says the same.
  useEffect(() => {
    setText((t) =>
      checkExamples(t, flow.input).examples && JSON.stringify(JSON.parse(t || '[]')) === JSON.stringify(flow.examples ?? [])
        ? t
        : show(flow.examples),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the examples change
  }, [flow.examples]);
  const { issues } = useMemo(() => checkExamples(text, flow.input), [text, flow.input]);
  return (
    <div className="field" data-testid="examples-editor">
      <label className="field-label" htmlFor="flow-examples">
        Examples
      </label>
      <div className="field-help">
        Inputs the run panel offers, as JSON: <code>{'[{ "name": "...", "input": { ... } }]'}</code>. Each input is checked against the
        input fields above.
      </div>
      <textarea
        className={`input code${issues.length ? ' input-invalid' : ''}`}
        rows={Math.min(14, Math.max(3, text.split('\n').length))}
        spellCheck={false}
        id="flow-examples"
        data-testid="flow-examples"
        aria-invalid={issues.length > 0}
        aria-describedby="examples-issues"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const checked = checkExamples(e.target.value, flow.input);
          // Well-formed examples are kept even when an input does not fit: the issues say why.
          if (checked.examples) onChange(checked.examples.length || flow.examples ? checked.examples : undefined);
        }}
      />
      <ul className="issues" id="examples-issues" data-testid="examples-issues">
        {issues.map((x, i) => (
          <li key={i} className="field-error">
            {x.where && <strong>{x.where}: </strong>}
            {x.message}
          </li>
        ))}
      </ul>
      {!issues.length && text.trim() !== '' && text.trim() !== '[]' && (
        <div className="field-ok">Every example fits the input declaration.</div>
      )}
    </div>
  );
}
