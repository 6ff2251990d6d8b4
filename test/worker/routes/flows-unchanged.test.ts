// "Last change" means a change: saving a flow unchanged keeps its updatedAt.
import { describe, expect, it } from 'vitest';
import { admin, simpleFlow } from './helpers';

const updatedAt = async (id: string) => ((await (await admin(`/v1/flows/${id}`)).json()) as { updatedAt: string }).updatedAt;
const listed = async (id: string) =>
  ((await (await admin('/v1/flows')).json()) as { flows: { id: string; updatedAt: string }[] }).flows.find((f) => f.id === id)?.updatedAt;

describe('saving an unchanged flow', () => {
  it('keeps its last change time, in the flow and in the list', async () => {
    const flow = simpleFlow('unchanged-save');
    expect((await admin('/v1/flows/unchanged-save', { method: 'PUT', json: flow })).status).toBe(200);
    const first = await updatedAt('unchanged-save');
    await new Promise((r) => setTimeout(r, 20));
    expect((await admin('/v1/flows/unchanged-save', { method: 'PUT', json: flow })).status).toBe(200);
    expect(await updatedAt('unchanged-save')).toBe(first);
    expect(await listed('unchanged-save')).toBe(first);
  });

  it('moves it when the flow did change', async () => {
    await admin('/v1/flows/changed-save', { method: 'PUT', json: simpleFlow('changed-save') });
    const first = await updatedAt('changed-save');
    await new Promise((r) => setTimeout(r, 20));
    await admin('/v1/flows/changed-save', { method: 'PUT', json: simpleFlow('changed-save', { name: 'Renamed' }) });
    expect(await updatedAt('changed-save')).not.toBe(first);
  });
});
