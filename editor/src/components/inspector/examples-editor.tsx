// The flow's examples as JSON, checked as you type: the text must parse, each example must
// have a name and an input object, and each input is checked against the flow's input
// declaration with the engine's checkInput (what a request with that input would get back).
import { useEffect, useMemo, useState } from 'react';
import { checkInput, exampleSchema, type Flow, type FlowExample } from '../../engine';

export interface ExampleIssue {
  message: string;
  /** Which example, by position and name, when the issue belongs to one. */
  where?: string;
}

const show = (examples: FlowExample[] | undefined) => JSON.stringify(examples ?? [], null, 2);

/** Parses the text; returns the examples when all have the right shape, and every issue. */
export function checkExamples(text: string, input: Flow['input']): { examples?: FlowExample[]; issues: ExampleIssue[] } {
  let value: unknown;
  try {
    value = text.trim() === '' ? [] : JSON.parse(text);
  } catch (err) {
    return { issues: [{ message: `not valid JSON: ${(err as Error).message}` }] };
  }
  if (!Array.isArray(value)) return { issues: [{ message: 'examples must be a JSON array: [{ "name": "...", "input": { ... } }]' }] };
  const issues: ExampleIssue[] = [];
  const examples: FlowExample[] = [];
  let shapeOk = true;
  value.forEach((item, i) => {
    const where = `#${i + 1}${item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? ` ${(item as { name: string }).name}` : ''}`;
    const parsed = exampleSchema.safeParse(item);
    if (!parsed.success) {
      shapeOk = false;
      for (const issue of parsed.error.issues) issues.push({ where, message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` });
      return;
    }
    examples.push(parsed.data);
    for (const p of checkInput({ input }, parsed.data.input)) issues.push({ where, message: p.message });
  });
  const names = examples.map((e) => e.name);
  names.forEach((n, i) => names.indexOf(n) !== i && issues.push({ where: `#${i + 1} ${n}`, message: 'another example has this name' }));
  // Only examples of the right shape are stored; an input that does not fit is stored with its issue.
  return { examples: shapeOk ? examples : undefined, issues };
}

export function ExamplesEditor({ flow, onChange }: { flow: Flow; onChange: (examples: FlowExample[] | undefined) => void }) {
  const [text, setText] = useState(() => show(flow.examples));
  // Follow the flow when it changes from outside (undo), unless the text already says the same.
  useEffect(() => {
    setText((t) => (checkExamples(t, flow.input).examples && JSON.stringify(JSON.parse(t || '[]')) === JSON.stringify(flow.examples ?? []) ? t : show(flow.examples)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the examples change
  }, [flow.examples]);
  const { issues } = useMemo(() => checkExamples(text, flow.input), [text, flow.input]);
  return (
    <div className="field" data-testid="examples-editor">
      <div className="field-label">Examples</div>
      <div className="field-help">
        Inputs the run panel offers, as JSON: <code>{'[{ "name": "...", "input": { ... } }]'}</code>. Each input is checked against the input fields above.
      </div>
      <textarea
        className={`input code${issues.length ? ' input-invalid' : ''}`}
        rows={Math.min(14, Math.max(5, text.split('\n').length))}
        spellCheck={false}
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
      {!issues.length && text.trim() !== '' && text.trim() !== '[]' && <div className="field-ok">Every example fits the input declaration.</div>}
    </div>
  );
}
