// A flow's releases as the editor sees them: versions and labels from the worker, which version
// the edge URL serves (production, else the latest version, else the draft) and whether the saved
// draft differs from it (same SHA-256 of the canonical text the worker hashes when publishing).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/endpoints';
import type { FlowVersions } from '../api/types';
import { formatFlow, parseFlow, type Flow } from '../engine';

export interface ReleaseInfo extends FlowVersions {
  /** The version the unpinned edge URL runs; undefined while nothing is published (it runs the draft). */
  served?: { version: number; label?: string; hash: string };
  /** Whether the saved draft differs from the served version (true when nothing is published). */
  draftDiffers: boolean;
  draftHash?: string;
}

const EVENT = 'weir:releases';
/** Tells every release view of the page to read again (after a publish, a label move, a save). */
export const releasesChanged = () => window.dispatchEvent(new Event(EVENT));

export async function flowHash(flow: Flow): Promise<string | undefined> {
  const parsed = parseFlow(flow);
  if (!parsed.flow || !crypto.subtle) return undefined;
  const bytes = new TextEncoder().encode(formatFlow(parsed.flow));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function loadReleases(id: string, saved: Flow): Promise<ReleaseInfo> {
  const list = await api.flowVersions(id);
  // Hashing a large flow costs a parse and a format: only when there is a version to compare with.
  const draftHash = list.versions.length ? await flowHash(saved) : undefined;
  const servedVersion = list.labels.production ?? (list.latest || undefined);
  const summary = list.versions.find((v) => v.version === servedVersion);
  const served = summary
    ? { version: summary.version, hash: summary.hash, label: list.labels.production ? 'production' : undefined }
    : undefined;
  return { ...list, served, draftHash, draftDiffers: !served || served.hash !== draftHash };
}

export function useReleases(id: string, saved: Flow): { info?: ReleaseInfo; error?: Error; reload: () => void } {
  const [state, setState] = useState<{ info?: ReleaseInfo; error?: Error }>({});
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    window.addEventListener(EVENT, reload);
    return () => window.removeEventListener(EVENT, reload);
  }, [reload]);
  useEffect(() => {
    let live = true;
    loadReleases(id, saved).then(
      (info) => live && setState({ info }),
      (error: Error) => live && setState((s) => ({ ...s, error })),
    );
    return () => {
      live = false;
    };
  }, [id, saved, tick]);
  return useMemo(() => ({ ...state, reload }), [state, reload]);
}
