import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sweepProjections } from '../../../worker/store';
import { datasetHash, formatDataset, parseDataset } from '../../../worker/datasets';
import { admin, call, errorOf, INVOKE } from '../routes/helpers';

const jsonl = (...items: object[]) => items.map((i) => JSON.stringify(i)).join('\n') + '\n';
const push = (name: string, text: string, query = '') =>
  admin(`/v1/datasets/${name}${query}`, { method: 'PUT', body: text, headers: { 'content-type': 'application/jsonl' } });

interface Summary {
  name: string;
  hash: string;
  items: number;
  version: number;
  splits: Record<string, number>;
  changed?: boolean;
}

describe('datasets in D1', () => {
  it('stores pushed JSONL canonically and lists it with its item count, splits and content hash', async () => {
    // Keys out of schema order and spaces: stored canonical, so the hash is the file's canonical hash.
    const text = '{"input": {"q": "a"}, "id": "one", "split": "train"}\n{"id":"two","input":{"q":"b"},"expected":"B","split":"test"}\n';
    const res = await push('ds-basic', text);
    expect(res.status).toBe(200);
    const canonical = formatDataset(parseDataset(text).items);
    const hash = await datasetHash(parseDataset(text).items);
    expect(await res.json()).toMatchObject({ name: 'ds-basic', hash, items: 2, version: 1, changed: true });
    const list = (await (await admin('/v1/datasets')).json()) as { datasets: Summary[] };
    expect(list.datasets.find((d) => d.name === 'ds-basic')).toMatchObject({
      hash,
      items: 2,
      splits: { train: 1, validation: 0, test: 1, none: 0 },
    });
    const raw = await admin('/v1/datasets/ds-basic?format=jsonl');
    expect(raw.headers.get('weir-dataset-hash')).toBe(hash);
    expect(await raw.text()).toBe(canonical);
    const detail = (await (await admin('/v1/datasets/ds-basic')).json()) as { items: { id: string }[]; hash: string; count: number };
    expect(detail.items.map((i) => i.id)).toEqual(['one', 'two']);
    expect(detail.count).toBe(2);
  });

  it('adds a version per change, none for an unchanged push, and serves an older version by its hash', async () => {
    const first = (await (await push('ds-versions', jsonl({ id: 'a', input: { q: 1 } }))).json()) as Summary;
    const same = (await (await push('ds-versions', jsonl({ input: { q: 1 }, id: 'a' }))).json()) as Summary;
    expect(same).toMatchObject({ version: 1, changed: false, hash: first.hash });
    const second = (await (await push('ds-versions', jsonl({ id: 'a', input: { q: 1 } }, { id: 'b', input: { q: 2 } }))).json()) as Summary;
    expect(second).toMatchObject({ version: 2, items: 2, changed: true });
    const old = (await (await admin(`/v1/datasets/ds-versions?hash=${first.hash.slice(0, 12)}`)).json()) as Summary & { items: unknown[] };
    expect(old).toMatchObject({ version: 1, hash: first.hash });
    expect(old.items).toHaveLength(1);
    const versions = (await (await admin('/v1/datasets/ds-versions/versions')).json()) as { versions: { version: number; hash: string }[] };
    expect(versions.versions.map((v) => [v.version, v.hash])).toEqual([
      [1, first.hash],
      [2, second.hash],
    ]);
    expect((await admin('/v1/datasets/ds-versions?hash=00000000')).status).toBe(404);
    expect(await errorOf(await admin('/v1/datasets/ds-versions?hash=xyz'))).toMatchObject({ code: 'bad_request' });
  });

  it('refuses a push with bad lines with 422, listing every problem with its line, and stores nothing', async () => {
    await push('ds-bad', jsonl({ id: 'keep', input: { q: 1 } }));
    const text = '{"id":"x","input":{}}\nnot json\n{"id":"x","input":{}}\n{"id":"y","split":"holdout","input":{}}\n{"id":"z"}\n';
    const res = await push('ds-bad', text);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_dataset');
    const paths = error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['line 2: $', 'line 3: $.id', 'line 4: $.split', 'line 5: $']));
    expect(error.issues!.length).toBeGreaterThanOrEqual(4);
    const after = (await (await admin('/v1/datasets/ds-bad')).json()) as { items: { id: string }[] };
    expect(after.items.map((i) => i.id)).toEqual(['keep']);
  });

  it('refuses bad names with 400 and unknown datasets with 404', async () => {
    expect(await errorOf(await push('Bad Name!', jsonl({ id: 'a', input: {} })))).toMatchObject({ code: 'bad_request' });
    expect(await errorOf(await admin('/v1/datasets/ds-missing'))).toMatchObject({ code: 'not_found' });
    expect((await admin('/v1/datasets/ds-missing', { method: 'DELETE' })).status).toBe(404);
    expect((await admin('/v1/datasets/ds-missing/versions')).status).toBe(404);
  });

  it('deletes a dataset, and a pushed one of the same name starts afresh with later version numbers', async () => {
    await push('ds-delete', jsonl({ id: 'a', input: {} }));
    expect((await admin('/v1/datasets/ds-delete', { method: 'DELETE' })).status).toBe(204);
    expect((await admin('/v1/datasets/ds-delete')).status).toBe(404);
    const list = (await (await admin('/v1/datasets')).json()) as { datasets: Summary[] };
    expect(list.datasets.some((d) => d.name === 'ds-delete')).toBe(false);
    const again = (await (await push('ds-delete', jsonl({ id: 'b', input: {} }))).json()) as Summary;
    expect(again).toMatchObject({ items: 1, version: 2 });
  });

  it('needs the admin token: no key is 401 and an invoke key is refused', async () => {
    expect((await call('/v1/datasets')).status).toBe(401);
    expect([401, 403]).toContain((await call('/v1/datasets', { token: INVOKE })).status);
    expect((await call('/v1/datasets/x', { method: 'PUT', body: jsonl({ id: 'a', input: {} }) })).status).toBe(401);
  });

  it('refuses a push larger than one D1 value holds with 413', async () => {
    const big = jsonl({ id: 'big', input: { q: 'x'.repeat(2_000_000) } });
    expect((await push('ds-big', big)).status).toBe(413);
  });

  it('leaves no outbox rows behind, and the scheduled sweep settles one a crashed writer left', async () => {
    await push('ds-outbox', jsonl({ id: 'a', input: {} }));
    const count = () => env.WEIR_DB.prepare("SELECT count(*) AS n FROM kv_outbox WHERE kind = 'dataset' AND name = 'ds-outbox'").first('n');
    expect(await count()).toBe(0);
    await env.WEIR_DB.prepare("INSERT INTO kv_outbox (kind, name, keys, created_at) VALUES ('dataset', 'ds-outbox', '{}', '2020-01-01T00:00:00.000Z')").run();
    expect(await count()).toBe(1);
    await sweepProjections({ kv: env.WEIR_KV, db: env.WEIR_DB });
    expect(await count()).toBe(0);
  });
});
