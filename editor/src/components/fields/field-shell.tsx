// Label, help text and problems around one form control, the same for every field. The label is
// a real <label for>: it names the first control inside (which gets the id if it has none), so
// clicking the label focuses the control and screen readers read the name.
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Problem } from '../../engine';

const CONTROL = 'input:not([type=hidden]), select, textarea, [role=combobox], [contenteditable=true]';

export function FieldShell(props: {
  label: string;
  help?: string;
  problems?: Problem[];
  error?: string;
  children: ReactNode;
  required?: boolean;
}) {
  const fallbackId = useId();
  const box = useRef<HTMLDivElement>(null);
  const label = useRef<HTMLLabelElement>(null);
  const helpId = `${fallbackId}-help`;
  useLayoutEffect(() => {
    const control = box.current?.querySelector<HTMLElement>(CONTROL);
    if (!control || !label.current) return;
    if (!control.id) control.id = fallbackId;
    label.current.htmlFor = control.id;
    if (props.help && !control.getAttribute('aria-describedby')) control.setAttribute('aria-describedby', helpId);
  });
  return (
    <div ref={box} className={`field${props.problems?.length || props.error ? ' field-invalid' : ''}`}>
      <label ref={label} className="field-label" htmlFor={fallbackId}>
        {props.label}
        {props.required && (
          <span className="field-required" title="required">
            {' '}
            *
          </span>
        )}
      </label>
      {props.children}
      {props.help && (
        <div className="field-help" id={helpId}>
          {props.help}
        </div>
      )}
      {props.error && <div className="field-error">{props.error}</div>}
      {props.problems?.map((p, i) => (
        <div className="field-error" key={i}>
          {p.message}
        </div>
      ))}
    </div>
  );
}
