// What a store is built from: KV (the run path's projection) and D1 (the source of truth). Tests
// may pass the in-memory versioned store instead of D1.
import { d1VersionedStore, type KindText, type VersionedStore } from './versioned';

export interface StoreDeps {
  kv: KVNamespace;
  db?: D1Database;
  /** Overrides the D1 versioned store (the in-memory twin in tests). */
  versioned?: VersionedStore;
}

export function versionedFor(deps: StoreDeps, text: KindText): VersionedStore {
  if (deps.versioned) return deps.versioned;
  if (!deps.db) throw new Error(`the ${text.noun} store needs the WEIR_DB binding`);
  return d1VersionedStore(deps.db, text);
}
