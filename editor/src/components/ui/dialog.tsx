// A modal dialog: role="dialog", labelled by its title, focus moved in on open and back on
// close, Tab kept inside, Escape and a click on the backdrop close it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; testId?: string; wide?: boolean }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>('.dialog-head ~ * input, .dialog-head ~ * button, .dialog-head ~ * select') ??
      box.current?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = [
      ...box.current.querySelectorAll<HTMLElement>('input, button, select, textarea, a[href], [tabindex]:not([tabindex="-1"])'),
    ];
    if (!items.length) return;
    const [first, last] = [items[0], items[items.length - 1]];
    const wrapTo = e.shiftKey ? (document.activeElement === first ? last : undefined) : document.activeElement === last ? first : undefined;
    if (wrapTo) {
      e.preventDefault();
      wrapTo.focus();
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={box}
        className={props.wide ? 'dialog dialog-wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        data-testid={props.testId}
        onKeyDown={onKey}
      >
        <div className="dialog-head">
          <h2 id={id}>{props.title}</h2>
          <button className="icon-btn" aria-label="Close" onClick={props.onClose} data-testid="dialog-close">
            ✕
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
