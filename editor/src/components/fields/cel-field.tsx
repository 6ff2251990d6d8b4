// A CEL expression field that checks as you type with the engine's own parser; the validator's
// problems for this path (e.g. a node that is not upstream) show under it too.
import { useLayoutEffect, useMemo, useRef } from 'react';
import { compileExpression, type Problem } from '../../engine';

export function celError(source: string): string | undefined {
  if (!source.trim()) return undefined;
  try {
    compileExpression(source);
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(/^expression does not parse: /, '');
  }
}

export function CelInput(props: {
  value: unknown;
  onChange: (v: string | undefined) => void;
  placeholder?: string;
  testId?: string;
  problems?: Problem[];
}) {
  const source = typeof props.value === 'string' ? props.value : '';
  const error = useMemo(() => celError(source), [source]);
  // Grows with the expression (any width: the inspector, a record row), so it is read whole.
  const box = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    if (source) el.style.height = `${Math.min(el.scrollHeight + 2, 160)}px`;
  }, [source]);
  return (
    <div className="cel">
      <div className={`cel-box${error ? ' cel-bad' : source ? ' cel-good' : ''}`}>
        <span className="cel-tag">CEL</span>
        <textarea
          ref={box}
          className="input code cel-input"
          rows={1}
          data-testid={props.testId}
          spellCheck={false}
          value={source}
          placeholder={props.placeholder ?? 'e.g. nodes.classify.output.topic == "technical"'}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      </div>
      {error && (
        <div className="field-error" data-testid={props.testId ? `${props.testId}-error` : undefined}>
          {error}
        </div>
      )}
    </div>
  );
}
