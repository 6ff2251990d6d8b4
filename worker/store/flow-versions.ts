// flowVersionStore: publishing a flow's draft as an immutable numbered version (hash = SHA-256 of
// the canonical text), labels that point at versions, and retiring versions. D1 decides (numbers
// from one statement, conditional label upserts); KV gets a copy of each version under its number,
// each label, `latest` and `default` (production, else latest).
import { WeirError } from '../engine/errors';
import { formatFlow } from '../engine/format';
import { parseFlow } from '../engine/parse';
import type { StoreDeps } from './deps';
import { StoreError } from './errors';
import { flowBackend, type FlowStoreOptions } from './flow-backend';
import { FLOW_KIND, recordFromRow } from './flow-projection';
import { sha256Hex, type FlowVersionRecord, type FlowVersionSummary } from './flow-version-schema';

export interface Published {
  version: number;
  hash: string;
  createdAt: string;
  note?: string;
  /** False when the draft equals the latest version, which is returned instead. */
  created: boolean;
}

export type FlowVersionStore = ReturnType<typeof flowVersionStore>;

export function flowVersionStore(deps: StoreDeps, opts: FlowStoreOptions = {}) {
  const b = flowBackend(deps, opts);

  async function liveItem(id: string) {
    const item = await b.db().item(id);
    if (!item || item.deleted) throw new StoreError('not_found', FLOW_KIND.missing(id));
    return item;
  }

  const labelTouch = (label: string) => ({ labels: [label], latest: label === 'production' });
  /** `default` is production, else latest: anything that moves latest needs production's version too. */
  const latestTouch = (versions: number[]) => ({ versions, labels: ['production'], latest: true });

  return {
    /** Publishes the current draft; refuses one with problems (WeirError invalid_flow, a 422). */
    async publish(id: string, note?: string): Promise<Published> {
      const item = await liveItem(id);
      if (item.draft === null) throw new StoreError('not_found', FLOW_KIND.missing(id));
      const parsed = parseFlow(item.draft);
      if (!parsed.flow || !parsed.valid) {
        const issues = parsed.problems.filter((p) => p.severity === 'error');
        throw new WeirError('invalid_flow', `flow "${id}" has ${issues.length} problem(s) and cannot be published`, {
          details: { issues },
        });
      }
      const text = formatFlow(parsed.flow);
      const hash = await sha256Hex(text);
      const createdAt = b.now();
      const added = await b.db().append(id, { body: text, hash, note, createdAt }, { dedupeByHash: true });
      if (!added.created) {
        const v = added.version;
        await b.sync(id, {}, added.outbox);
        return { version: v.version, hash, createdAt: v.createdAt, ...(v.note ? { note: v.note } : {}), created: false };
      }
      await b.sync(id, latestTouch([added.version]), added.outbox);
      return { version: added.version, hash, createdAt, ...(note ? { note } : {}), created: true };
    },

    /** Versions and labels; a flow with a draft but nothing published has none. */
    async list(id: string): Promise<{ versions: FlowVersionSummary[]; labels: Record<string, number>; latest: number }> {
      const item = await liveItem(id);
      const [versions, labels] = await Promise.all([b.db().versions(id), b.db().labels(id)]);
      return {
        versions: versions.map((v) => ({
          version: v.version,
          hash: v.hash ?? '',
          createdAt: v.createdAt,
          ...(v.note ? { note: v.note } : {}),
          ...(v.retired ? { retired: true } : {}),
        })),
        labels,
        latest: item.latest,
      };
    },

    async get(id: string, version: number): Promise<FlowVersionRecord> {
      const [item, row] = await Promise.all([liveItem(id), b.db().version(id, version)]);
      if (!row) throw new StoreError('not_found', `flow "${id}" has no version ${version}`);
      return recordFromRow(row, item.public);
    },

    async moveLabel(id: string, label: string, version: number): Promise<Record<string, number>> {
      const { labels, outbox } = await b.db().setLabel(id, label, version, b.now());
      await b.sync(id, labelTouch(label), outbox);
      return labels;
    },

    async deleteLabel(id: string, label: string): Promise<Record<string, number>> {
      const { labels, outbox } = await b.db().deleteLabel(id, label, b.now());
      await b.sync(id, labelTouch(label), outbox);
      return labels;
    },

    /** Retires a version (it stops running by pin) or restores it; a labelled version cannot be retired (409). */
    async setRetired(id: string, version: number, retired: boolean): Promise<FlowVersionSummary> {
      const { version: row, outbox } = await b.db().setRetired(id, version, retired, b.now());
      await b.sync(id, latestTouch([version]), outbox);
      return {
        version: row.version,
        hash: row.hash ?? '',
        createdAt: row.createdAt,
        ...(row.note ? { note: row.note } : {}),
        ...(row.retired ? { retired: true } : {}),
      };
    },
  };
}
