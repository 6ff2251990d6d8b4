// Label, help text and problems around one form control, the same for every field.
import type { ReactNode } from 'react';
import type { Problem } from '../../engine';

export function FieldShell(props: {
  label: string;
  help?: string;
  problems?: Problem[];
  error?: string;
  children: ReactNode;
  required?: boolean;
}) {
  return (
    <div className={`field${props.problems?.length || props.error ? ' field-invalid' : ''}`}>
      <div className="field-label">
        {props.label}
        {props.required && (
          <span className="field-required" title="required">
            {' '}
            *
          </span>
        )}
      </div>
      {props.children}
      {props.help && <div className="field-help">{props.help}</div>}
      {props.error && <div className="field-error">{props.error}</div>}
      {props.problems?.map((p, i) => (
        <div className="field-error" key={i}>
          {p.message}
        </div>
      ))}
    </div>
  );
}
