// The worker's configured providers and the models it suggests for each (GET /v1/providers),
// read once per page and shared by every picker.
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { ProviderInfo } from '../api/types';

let cached: Promise<ProviderInfo[]> | undefined;

export function useProviders(): ProviderInfo[] | undefined {
  const [providers, setProviders] = useState<ProviderInfo[]>();
  useEffect(() => {
    let live = true;
    cached ??= api.providers().catch((err: Error) => {
      cached = undefined;
      throw err;
    });
    cached.then(
      (p) => live && setProviders(p),
      () => live && setProviders([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return providers;
}
