// Shared pieces for the fine-tuning tests: training files, the fake server's URL and its request
// log, and a loop that reads a job until it ends (the fake advances one stage per read).
import { inject } from 'vitest';
import { createTrainer, type TrainerSpec } from '../../../worker/finetune/trainer-config';
import type { JobSnapshot, Trainer } from '../../../worker/finetune/trainer';
import type { FinetuneRecord } from '../../helpers/fake-finetune';

export const fakeBase = () => inject('fakeOpenAIUrl');

export const sftLine = (q: string, a: string) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'You are X1000 support.' },
      { role: 'user', content: q },
      { role: 'assistant', content: a },
    ],
  });
export const dpoLine = (q: string, good: string, bad: string) =>
  JSON.stringify({
    input: { messages: [{ role: 'user', content: q }] },
    preferred_output: [{ role: 'assistant', content: good }],
    non_preferred_output: [{ role: 'assistant', content: bad }],
  });

export const sftFile = (n = 12) =>
  Array.from({ length: n }, (_, i) => sftLine(`How do I fix error E${i}?`, `Reset the unit, then check sensor ${i}.`)).join('\n') + '\n';
export const dpoFile = (n = 12) =>
  Array.from({ length: n }, (_, i) => dpoLine(`Error E${i}?`, `Reset the unit (${i}).`, 'No idea.')).join('\n') + '\n';
export const badFile = () => `${sftLine('ok?', 'ok')}\n{"messages": [{"role": "user", "content": "no answer"}]}\n`;

export const specs: Record<'openai' | 'azure' | 'together' | 'fireworks', TrainerSpec> = {
  get openai() {
    return { type: 'openai', baseURL: fakeBase(), apiKey: 'sk-test-trainer-key' } as TrainerSpec;
  },
  get azure() {
    return { type: 'openai', baseURL: fakeBase(), apiKey: 'azure-test-key-1234', apiVersion: '2025-04-01-preview' } as TrainerSpec;
  },
  get together() {
    return { type: 'together', baseURL: fakeBase(), apiKey: 'tg-test-key-123456' } as TrainerSpec;
  },
  get fireworks() {
    return { type: 'fireworks', baseURL: fakeBase(), apiKey: 'fw-test-key-123456', accountId: 'weir-test' } as TrainerSpec;
  },
};

export const trainerFor = (kind: keyof typeof specs, apiKey?: string): Trainer =>
  createTrainer(kind, apiKey ? { ...specs[kind], apiKey } : specs[kind]);

/** Reads the job until it ends; returns every snapshot seen. */
export async function follow(trainer: Trainer, id: string, max = 60): Promise<JobSnapshot[]> {
  const seen: JobSnapshot[] = [];
  for (let i = 0; i < max; i++) {
    const snap = await trainer.getJob(id);
    seen.push(snap);
    if (['succeeded', 'failed', 'cancelled'].includes(snap.status)) return seen;
  }
  throw new Error(`job ${id} did not end in ${max} reads`);
}

export async function fakeRequests(): Promise<FinetuneRecord[]> {
  const res = await fetch(new URL('/__control/finetune/requests', fakeBase()));
  return ((await res.json()) as { requests: FinetuneRecord[] }).requests;
}

export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a failure, but the call succeeded');
}
