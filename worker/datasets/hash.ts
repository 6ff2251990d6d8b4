// A dataset's identity: the SHA-256 of its canonical text, hex. Evals record the hash they ran
// on and may pin one; the same items always give the same hash, whatever the file's formatting.
import { formatDataset } from './jsonl';
import type { DatasetItem } from './schema';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const datasetHash = (items: readonly DatasetItem[]): Promise<string> => sha256Hex(formatDataset(items));

/** Hashes are shown and pinned by a prefix of at least 8 hex digits. */
export const hashMatches = (hash: string, pinned: string): boolean => pinned.length >= 8 && hash.startsWith(pinned.toLowerCase());
