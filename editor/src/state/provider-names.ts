// The provider names the worker is configured with (from /v1/health, fetched once per page), so
// the editor warns about a node naming a provider that does not exist. Until it answers, or when
// it cannot, names are unknown and nothing is flagged.
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';

let names: Promise<string[] | undefined> | undefined;

export function useProviderNames(): readonly string[] | undefined {
  const [value, setValue] = useState<readonly string[]>();
  useEffect(() => {
    let live = true;
    names ??= api.health().then(
      (h) => h.providers.map((p) => p.name),
      () => undefined,
    );
    void names.then((n) => live && n && setValue(n));
    return () => {
      live = false;
    };
  }, []);
  return value;
}
