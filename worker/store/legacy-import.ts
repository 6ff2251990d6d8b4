// One-time upgrade: copies prompts and flows that an older Weir kept only in KV (meta records
// `prompt:<name>` and `flow-meta:<id>`, drafts `flow:<id>`) into D1, keeping version numbers,
// dates, hashes and labels, then re-projects them. Items D1 already holds are left alone, so it
// is idempotent; `npm start` runs it before seeding, `POST /v1/admin/import-kv` runs it deployed.
import * as z from 'zod';
import { formatFlow } from '../engine/format';
import { versionedFor, type StoreDeps } from './deps';
import { flowBackend } from './flow-backend';
import { flowVersionRecord } from './flow-version-schema';
import type { FlowMetadata } from './flows';
import { FLOW_META_PREFIX, FLOW_PREFIX, PROMPT_META_PREFIX, flowMetaKey, flowVersionKey, promptRefKey } from './keys';
import { PROMPT_KIND } from './prompt-projection';
import { promptMeta, storedVersion } from './prompt-schema';
import { promptStore } from './prompts';
import { everything } from './versioned';

const legacyFlowMeta = z.object({
  labels: z.record(z.string(), z.number().int().positive()),
  versions: z.array(z.object({ version: z.number().int().positive() })),
});

export interface LegacyImport {
  prompts: string[];
  flows: string[];
  errors: string[];
}

async function keys(kv: KVNamespace, prefix: string): Promise<{ name: string; metadata: unknown }[]> {
  const out: { name: string; metadata: unknown }[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, cursor });
    out.push(...page.keys.map((k) => ({ name: k.name.slice(prefix.length), metadata: k.metadata })));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

async function importPrompts(deps: StoreDeps, report: LegacyImport): Promise<void> {
  const prompts = promptStore(deps);
  const d1 = versionedFor(deps, PROMPT_KIND);
  for (const { name } of await keys(deps.kv, PROMPT_META_PREFIX)) {
    if (await d1.item(name)) continue;
    const meta = promptMeta.safeParse(await deps.kv.get(`${PROMPT_META_PREFIX}${name}`, 'json'));
    if (!meta.success) {
      report.errors.push(`prompt ${name}: unreadable meta record`);
      continue;
    }
    const versions = [];
    for (const v of meta.data.versions) {
      const stored = storedVersion.safeParse(await deps.kv.get(promptRefKey(name, v.version), 'json'));
      if (!stored.success) break; // keep the numbers dense: stop at the first missing version
      const { name: _n, label: _l, ...rest } = stored.data;
      versions.push(rest);
    }
    const latest = versions.length;
    const labels = Object.fromEntries(Object.entries(meta.data.labels).filter(([, v]) => v <= latest));
    await prompts.importFile({ name, description: meta.data.description, versions, labels });
    report.prompts.push(name);
  }
}

async function importFlows(deps: StoreDeps, report: LegacyImport): Promise<void> {
  const b = flowBackend(deps);
  const ids = new Set([
    ...(await keys(deps.kv, FLOW_PREFIX)).map((k) => k.name),
    ...(await keys(deps.kv, FLOW_META_PREFIX)).map((k) => k.name),
  ]);
  for (const id of ids) {
    if (await b.db().item(id)) continue;
    const { value: draft, metadata } = await deps.kv.getWithMetadata<FlowMetadata>(`${FLOW_PREFIX}${id}`, 'text');
    const meta = legacyFlowMeta.safeParse(await deps.kv.get(flowMetaKey(id), 'json'));
    const records = [];
    for (const v of meta.success ? meta.data.versions : []) {
      const record = flowVersionRecord.safeParse(await deps.kv.get(flowVersionKey(id, v.version), 'json'));
      if (!record.success) break;
      records.push(record.data);
    }
    const first = records[0]?.flow ?? {};
    const text = draft ?? formatFlow(records.at(-1)?.flow ?? first);
    const info = metadata ?? { name: id, description: '', updatedAt: '', public: false, problems: 0 };
    const queued = [
      (await b.db().putDraft(id, { text, meta: JSON.stringify(info), public: info.public, description: info.description }, b.now())).outbox,
    ];
    for (const r of records)
      queued.push(
        (await b.db().append(id, { body: formatFlow(r.flow), hash: r.hash, note: r.note, createdAt: r.createdAt }, { now: b.now() }))
          .outbox,
      );
    for (const [label, version] of Object.entries(meta.success ? meta.data.labels : {}))
      if (version <= records.length) queued.push((await b.db().setLabel(id, label, version, b.now())).outbox);
    await b.sync(id, everything(), queued);
    report.flows.push(id);
  }
}

export async function importLegacyKv(deps: StoreDeps): Promise<LegacyImport> {
  const report: LegacyImport = { prompts: [], flows: [], errors: [] };
  await importPrompts(deps, report);
  await importFlows(deps, report);
  return report;
}
