// Upgrading a deployment whose prompts and flows an older Weir kept only in KV: the import copies
// them into D1 with their numbers, dates, hashes and labels, and runs keep working.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { formatFlow } from '../../../worker/engine';
import { sha256Hex } from '../../../worker/store/flow-version-schema';
import { INVOKE, admin, call, simpleFlow } from './helpers';

const at = (d: number) => `2026-10-0${d}T09:00:00.000Z`;

async function plantLegacy() {
  const kv = env.WEIR_KV;
  const versions = [1, 2].map((version) => ({
    name: 'legacy-greet',
    version,
    template: { text: `Hello ${version}` },
    createdAt: at(version),
  }));
  for (const v of versions) await kv.put(`prompt-ref:legacy-greet@${v.version}`, JSON.stringify(v));
  const meta = { name: 'legacy-greet', description: 'old', latest: 2, labels: { production: 1 }, createdAt: at(1), updatedAt: at(2) };
  await kv.put(
    'prompt:legacy-greet',
    JSON.stringify({ ...meta, versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt })) }),
  );
  const texts = ['one', 'two'].map((t) => formatFlow(simpleFlow('legacy-flow', {}, { prompt: { text: `${t} {{input.question}}` } })));
  const records = await Promise.all(
    texts.map(async (text, i) => ({ version: i + 1, hash: await sha256Hex(text), flow: JSON.parse(text) as object, createdAt: at(i + 1) })),
  );
  for (const r of records) await kv.put(`flow-version:legacy-flow:${r.version}`, JSON.stringify(r));
  await kv.put('flow:legacy-flow', texts[1], {
    metadata: { name: 'Legacy', description: '', updatedAt: at(3), public: false, problems: 0 },
  });
  await kv.put(
    'flow-meta:legacy-flow',
    JSON.stringify({
      latest: 2,
      labels: { production: 1 },
      versions: records.map(({ version, hash, createdAt }) => ({ version, hash, createdAt })),
    }),
  );
  return records;
}

describe('POST /v1/admin/import-kv', () => {
  it('copies KV-only prompts and flows into D1 with their numbers, dates, hashes and labels, once', async () => {
    const records = await plantLegacy();
    expect((await call('/v1/admin/import-kv', { method: 'POST' })).status).toBe(401);
    const res = await admin('/v1/admin/import-kv', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ prompts: ['legacy-greet'], flows: ['legacy-flow'], errors: [] });
    const prompt = (await (await admin('/v1/prompts/legacy-greet')).json()) as {
      labels: object;
      versions: { version: number; createdAt: string }[];
    };
    expect(prompt.labels).toEqual({ production: 1 });
    expect(prompt.versions.map((v) => [v.version, v.createdAt])).toEqual([
      [1, at(1)],
      [2, at(2)],
    ]);
    const versions = (await (await admin('/v1/flows/legacy-flow/versions')).json()) as { labels: object; versions: { hash: string }[] };
    expect(versions.labels).toEqual({ production: 1 });
    expect(versions.versions.map((v) => v.hash)).toEqual(records.map((r) => r.hash));
    const ran = await call('/v1/flows/legacy-flow/run', { method: 'POST', token: INVOKE, json: { input: { question: 'q' } } });
    expect(ran.headers.get('weir-flow-version')).toBe('1');
    expect(await (await admin('/v1/admin/import-kv', { method: 'POST' })).json()).toEqual({ prompts: [], flows: [], errors: [] });
    // The imported draft equals version 2, so publishing it returns that version.
    expect(await (await admin('/v1/flows/legacy-flow/versions', { method: 'POST', json: {} })).json()).toMatchObject({ version: 2 });
  });
});
