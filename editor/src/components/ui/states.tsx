// Empty, loading and error states, so no panel is ever blank.
import type { ReactNode } from 'react';

export const Loading = ({ what }: { what: string }) => (
  <div className="state state-loading" role="status">
    <span className="spinner" /> Loading {what}…
  </div>
);

export const ErrorState = ({ error, retry }: { error: Error | string; retry?: () => void }) => (
  <div className="state state-error" role="alert">
    <strong>Something went wrong.</strong> {typeof error === 'string' ? error : error.message}
    {retry && (
      <button className="btn btn-small" onClick={retry}>
        Try again
      </button>
    )}
  </div>
);

export const Empty = ({ title, children }: { title: string; children?: ReactNode }) => (
  <div className="state state-empty">
    <strong>{title}</strong>
    {children && <div>{children}</div>}
  </div>
);
