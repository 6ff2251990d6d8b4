// The provider picker: the providers the worker has configured (GET /v1/providers), "default"
// first. A name the worker does not know stays shown, flagged, so a typo is visible.
import type { Problem } from '../../engine';
import { useProviders } from '../../state/use-providers';

export function ProviderInput(props: {
  value: unknown;
  onChange: (v: unknown) => void;
  testId: string;
  problems?: Problem[];
  optional?: boolean;
}) {
  const providers = useProviders();
  const value = typeof props.value === 'string' ? props.value : '';
  const known = providers?.some((p) => p.name === value);
  const names = (providers ?? []).map((p) => p.name).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  return (
    <>
      <select
        className="input"
        data-testid={props.testId}
        value={value}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        {props.optional !== false && (
          <option value="">default{providers ? ` (${providers.find((p) => p.name === 'default')?.type ?? '?'})` : ''}</option>
        )}
        {names
          .filter((n) => n !== 'default' || props.optional === false)
          .map((n) => {
            const p = providers!.find((x) => x.name === n)!;
            return (
              <option key={n} value={n}>
                {n} ({p.type}
                {p.baseURL ? `, ${p.baseURL}` : ''})
              </option>
            );
          })}
        {value && providers && !known && <option value={value}>{value} (not configured)</option>}
      </select>
      {value && providers && !known && (
        <div className="field-warn" data-testid={`${props.testId}-unknown`}>
          The worker has no provider named "{value}": calls will fail with provider_unknown. Configured: {names.join(', ')}.
        </div>
      )}
    </>
  );
}
