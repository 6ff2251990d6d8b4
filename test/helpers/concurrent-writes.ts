// Fifty concurrent writes of each kind against a running Weir, counting acknowledged writes that
// were lost: the same scenarios run inside workerd (app.request) and over a real `wrangler dev`.
// A write is acknowledged when it answered 2xx; it is lost when D1's listing or the KV projection
// (checked through resolves and runs, which read KV only) does not show it.

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}
export type Api = (method: string, path: string, opts?: { json?: unknown; token?: 'admin' | 'invoke' | 'none' }) => Promise<Answer>;

export interface Outcome {
  kind: string;
  attempts: number;
  acknowledged: number;
  lost: number;
  problems: string[];
}

export const N = 50;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function flow(id: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    version: 1,
    id,
    name: `Flow ${id}`,
    input: { fields: { question: { type: 'string', required: true } } },
    nodes: [
      { id: 'question', type: 'input', position: { x: 0, y: 0 }, data: {} },
      { id: 'answer', type: 'prompt', position: { x: 200, y: 0 }, data: { model: 'm', prompt: { text: `${text} {{input.question}}` } } },
      { id: 'result', type: 'output', position: { x: 400, y: 0 }, data: {} },
    ],
    edges: [
      { source: 'question', target: 'answer' },
      { source: 'answer', target: 'result' },
    ],
    ...extra,
  };
}

const expectStatus = async (p: Promise<Answer>, status: number, what: string) => {
  const r = await p;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};

/** Dense means exactly 1..n; problems name what is not. */
function checkDense(numbers: number[], what: string, problems: string[]): void {
  const sorted = [...numbers].sort((a, b) => a - b);
  if (new Set(sorted).size !== sorted.length) problems.push(`${what}: duplicate numbers ${sorted.join(',')}`);
  if (sorted.some((n, i) => n !== i + 1)) problems.push(`${what}: not dense: ${sorted.join(',')}`);
}

const runFlow = (api: Api, target: string, token: 'invoke' | 'none' = 'invoke') =>
  api('POST', `/v1/flows/${target}/run`, { json: { input: { question: 'q' } }, token });

export async function promptVersions(api: Api, name: string): Promise<Outcome> {
  const answers = await Promise.all(
    range(N).map((i) => api('POST', `/v1/prompts/${name}/versions`, { json: { template: { text: `text ${i}` } } })),
  );
  const problems: string[] = [];
  const detail = (await expectStatus(api('GET', `/v1/prompts/${name}`), 200, 'get prompt')).body as {
    versions: { version: number; template: { text: string } }[];
  };
  const listed = new Map(detail.versions.map((v) => [v.version, v.template.text]));
  checkDense(
    detail.versions.map((v) => v.version),
    'prompt versions',
    problems,
  );
  let lost = 0;
  await Promise.all(
    answers.map(async (a, i) => {
      if (a.status !== 201) return problems.push(`version ${i}: ${a.status}`);
      const resolved = await api('GET', `/v1/prompts/resolve?ref=${name}@${a.body.version}`);
      if (listed.get(a.body.version) !== `text ${i}` || resolved.body.template?.text !== `text ${i}`) lost++;
    }),
  );
  const numbers = answers.filter((a) => a.status === 201).map((a) => a.body.version as number);
  lost += numbers.length - new Set(numbers).size;
  return { kind: 'new prompt versions', attempts: N, acknowledged: numbers.length, lost, problems };
}

/** Distinct labels moved at once (each must survive), then one label moved by everybody (KV must converge). */
export async function promptLabelMoves(api: Api, name: string): Promise<Outcome> {
  for (const i of range(5))
    await expectStatus(api('POST', `/v1/prompts/${name}/versions`, { json: { template: { text: `t${i}` } } }), 201, 'add');
  const target = (i: number) => (i % 5) + 1;
  const moves = await Promise.all(range(N).map((i) => api('PUT', `/v1/prompts/${name}/labels/l${i}`, { json: { version: target(i) } })));
  const problems: string[] = [];
  const { labels } = (await api('GET', `/v1/prompts/${name}`)).body as { labels: Record<string, number> };
  let lost = 0;
  await Promise.all(
    moves.map(async (m, i) => {
      if (m.status !== 200) return problems.push(`label l${i}: ${m.status}`);
      const resolved = await api('GET', `/v1/prompts/resolve?ref=${name}@l${i}`);
      if (labels[`l${i}`] !== target(i) || resolved.body.version !== target(i)) lost++;
    }),
  );
  const deletes = await Promise.all(
    moves.map((m, i) => (m.status === 200 ? api('DELETE', `/v1/prompts/${name}/labels/l${i}`) : undefined)),
  );
  lost += deletes.filter((d) => d && d.status !== 200).length;
  const after = (await api('GET', `/v1/prompts/${name}`)).body as { labels: Record<string, number> };
  if (Object.keys(after.labels).length) problems.push(`labels left after deleting: ${Object.keys(after.labels).join(',')}`);
  for (const i of [0, 17, 49])
    if ((await api('GET', `/v1/prompts/resolve?ref=${name}@l${i}`)).status !== 404) problems.push(`l${i} still resolves`);
  await hotLabel(
    problems,
    range(N).map((i) => () => api('PUT', `/v1/prompts/${name}/labels/production`, { json: { version: target(i) } })),
    async () => {
      const listed = (await api('GET', `/v1/prompts/${name}`)).body.labels.production as number;
      const resolved = (await api('GET', `/v1/prompts/resolve?ref=${name}@production`)).body.version as number;
      return { listed, resolved };
    },
  );
  return { kind: 'prompt label moves', attempts: N, acknowledged: moves.filter((m) => m.status === 200).length, lost, problems };
}

/** Everybody moves the same label: the listing shows one acknowledged value and KV agrees with it. */
async function hotLabel(problems: string[], moves: (() => Promise<Answer>)[], read: () => Promise<{ listed: number; resolved: number }>) {
  const answers = await Promise.all(moves.map((m) => m()));
  const acked = new Set(answers.filter((a) => a.status === 200).map((a) => JSON.stringify(a.body.labels.production)));
  const { listed, resolved } = await read();
  if (!acked.has(JSON.stringify(listed))) problems.push(`hot label listed at ${listed}, not an acknowledged value`);
  if (listed !== resolved) problems.push(`hot label: D1 says ${listed}, KV resolves ${resolved}`);
}

export async function flowPublishes(api: Api, id: string): Promise<Outcome> {
  await expectStatus(api('PUT', `/v1/flows/${id}`, { json: flow(id, 'draft') }), 200, 'put');
  const answers = await Promise.all(
    range(N).map(async (i) => {
      await api('PUT', `/v1/flows/${id}`, { json: flow(id, `text ${i}`) });
      return api('POST', `/v1/flows/${id}/versions`, { json: { note: `n${i}` } });
    }),
  );
  const problems: string[] = [];
  const list = (await api('GET', `/v1/flows/${id}/versions`)).body as { versions: { version: number; hash: string }[] };
  const hashes = new Map(list.versions.map((v) => [v.version, v.hash]));
  checkDense(
    list.versions.map((v) => v.version),
    'flow versions',
    problems,
  );
  const created = answers.filter((a) => a.status === 201).map((a) => a.body.version as number);
  let lost = created.length - new Set(created).size;
  for (const a of answers) {
    if (a.status !== 201 && a.status !== 200) problems.push(`publish: ${a.status}`);
    else if (hashes.get(a.body.version) !== a.body.hash) lost++;
  }
  for (const n of new Set(created)) if ((await runFlow(api, `${id}@${n}`)).headers.get('weir-flow-version') !== String(n)) lost++;
  const acknowledged = answers.filter((a) => a.status === 201 || a.status === 200).length;
  return { kind: 'flow publishes', attempts: N, acknowledged, lost, problems };
}

async function publishVersions(api: Api, id: string, count: number, extra: Record<string, unknown> = {}) {
  for (const i of range(count)) {
    await expectStatus(api('PUT', `/v1/flows/${id}`, { json: flow(id, `v${i + 1}`, extra) }), 200, 'put');
    await expectStatus(api('POST', `/v1/flows/${id}/versions`), 201, 'publish');
  }
}

/** Checks every acknowledged label in the listing, in a run through KV, and that it can be deleted. */
async function checkFlowLabels(api: Api, id: string, acked: Map<string, number>, problems: string[]): Promise<number> {
  const { labels } = (await api('GET', `/v1/flows/${id}/versions`)).body as { labels: Record<string, number> };
  let lost = 0;
  for (const [label, version] of acked) {
    const ran = await runFlow(api, `${id}@${label}`);
    if (labels[label] !== version || ran.headers.get('weir-flow-version') !== String(version)) lost++;
  }
  const deletes = await Promise.all([...acked.keys()].map((l) => api('DELETE', `/v1/flows/${id}/labels/${l}`)));
  lost += deletes.filter((d) => d.status !== 200).length;
  const left = Object.keys(((await api('GET', `/v1/flows/${id}/versions`)).body as { labels: object }).labels);
  if (left.length) problems.push(`labels left after deleting: ${left.join(',')}`);
  return lost;
}

export async function flowLabelMoves(api: Api, id: string): Promise<Outcome> {
  await publishVersions(api, id, 5);
  const target = (i: number) => (i % 5) + 1;
  const moves = await Promise.all(range(N).map((i) => api('PUT', `/v1/flows/${id}/labels/l${i}`, { json: { version: target(i) } })));
  const problems: string[] = [];
  const acked = new Map<string, number>();
  moves.forEach((m, i) => (m.status === 200 ? acked.set(`l${i}`, target(i)) : problems.push(`label l${i}: ${m.status}`)));
  const lost = await checkFlowLabels(api, id, acked, problems);
  await hotLabel(
    problems,
    range(N).map((i) => () => api('PUT', `/v1/flows/${id}/labels/production`, { json: { version: target(i) } })),
    async () => ({
      listed: ((await api('GET', `/v1/flows/${id}/versions`)).body as { labels: Record<string, number> }).labels.production,
      resolved: Number((await runFlow(api, id)).headers.get('weir-flow-version')),
    }),
  );
  return { kind: 'flow label moves', attempts: N, acknowledged: acked.size, lost, problems };
}

export async function publishRacingLabels(api: Api, id: string): Promise<Outcome> {
  await publishVersions(api, id, 1);
  const half = N / 2;
  const answers = await Promise.all([
    ...range(half).map(async (i) => {
      await api('PUT', `/v1/flows/${id}`, { json: flow(id, `race ${i}`) });
      return api('POST', `/v1/flows/${id}/versions`);
    }),
    ...range(half).map((i) => api('PUT', `/v1/flows/${id}/labels/r${i}`, { json: { version: 1 } })),
  ]);
  const problems: string[] = [];
  const publishes = answers.slice(0, half);
  const moves = answers.slice(half);
  const list = (await api('GET', `/v1/flows/${id}/versions`)).body as { versions: { version: number; hash: string }[] };
  checkDense(
    list.versions.map((v) => v.version),
    'versions',
    problems,
  );
  const hashes = new Map(list.versions.map((v) => [v.version, v.hash]));
  let lost = publishes.filter((p) => (p.status === 201 || p.status === 200) && hashes.get(p.body.version) !== p.body.hash).length;
  const acked = new Map<string, number>();
  moves.forEach((m, i) => (m.status === 200 ? acked.set(`r${i}`, 1) : problems.push(`label r${i}: ${m.status}`)));
  lost += await checkFlowLabels(api, id, acked, problems);
  const acknowledged = answers.filter((a) => a.status === 200 || a.status === 201).length;
  return { kind: 'publish racing label moves', attempts: N, acknowledged, lost, problems };
}

/** 49 label moves and one DELETE at once; afterwards no reference of the flow runs, keyed or anonymous. */
export async function deleteRacingLabels(api: Api, id: string): Promise<Outcome> {
  await publishVersions(api, id, 3, { public: true });
  await expectStatus(api('PUT', `/v1/flows/${id}/labels/production`, { json: { version: 2 } }), 200, 'label');
  // The DELETE goes out once a quarter of the label moves have answered, so it lands among the rest.
  let answered = 0;
  let startDelete: () => void = () => {};
  const deleteGo = new Promise<void>((r) => (startDelete = r));
  const moves = range(N - 1).map(async (i) => {
    const a = await api('PUT', `/v1/flows/${id}/labels/d${i}`, { json: { version: (i % 3) + 1 } });
    if (++answered === 12) startDelete();
    return a;
  });
  const deleted = await deleteGo.then(() => api('DELETE', `/v1/flows/${id}`));
  const others = await Promise.all(moves);
  const problems: string[] = [];
  if (deleted.status !== 204) problems.push(`delete: ${deleted.status}`);
  for (const a of others) if (a.status !== 200 && a.status !== 404) problems.push(`label move answered ${a.status}`);
  const answers = [...others, deleted];
  const targets = [id, `${id}@1`, `${id}@2`, `${id}@3`, `${id}@production`, `${id}@latest`, ...range(N - 1).map((i) => `${id}@d${i}`)];
  let lost = 0;
  for (const t of targets)
    for (const token of ['invoke', 'none'] as const) {
      const ran = await runFlow(api, t, token);
      if (ran.status === 200) lost++;
    }
  if ((await api('GET', `/v1/flows/${id}`)).status !== 404) problems.push('the flow is still readable');
  if ((await api('GET', `/v1/flows/${id}/versions`)).status !== 404) problems.push('its versions are still listed');
  // `lost` here counts references of the deleted flow that still ran (goal 0).
  return { kind: 'delete racing label moves', attempts: N, acknowledged: answers.filter((a) => a.status < 300).length, lost, problems };
}

export const scenarios = [
  ['new prompt versions', promptVersions],
  ['prompt label moves', promptLabelMoves],
  ['flow publishes', flowPublishes],
  ['flow label moves', flowLabelMoves],
  ['publish racing label moves', publishRacingLabels],
  ['delete racing label moves', deleteRacingLabels],
] as const;
