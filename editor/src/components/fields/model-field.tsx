// The model picker: free text (any name the provider accepts: fine-tuned ft:... ids, local
// models), with suggestions from the worker's providers and the models this flow already uses.
import { useContext, useId } from 'react';
import type { Problem } from '../../engine';
import { EditorContext } from '../../state/use-editor';
import { useProviders } from '../../state/use-providers';

export function ModelInput(props: {
  value: unknown;
  onChange: (v: unknown) => void;
  testId: string;
  problems?: Problem[];
  optional?: boolean;
}) {
  const providers = useProviders();
  const ed = useContext(EditorContext);
  const list = useId();
  const used = new Set<string>();
  for (const n of ed?.flow.nodes ?? []) {
    const d = n.data as { model?: unknown; baseModel?: unknown };
    for (const m of [d.model, d.baseModel]) if (typeof m === 'string' && m) used.add(m);
  }
  const suggestions = [...new Set([...used, ...(providers ?? []).flatMap((p) => p.models)])];
  const value = typeof props.value === 'string' ? props.value : '';
  return (
    <>
      <input
        className="input code"
        list={list}
        data-testid={props.testId}
        value={value}
        placeholder={props.optional === false ? 'e.g. gpt-4o-mini' : 'the prompt version’s model'}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      <datalist id={list} data-testid={`${props.testId}-options`}>
        {suggestions.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      {value.startsWith('echo:fail-') && (
        <div className="field-help">Offline failure model: every call fails on purpose (echo provider), to try a fallback.</div>
      )}
    </>
  );
}
