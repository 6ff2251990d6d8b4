// Runs a flow over SSE (POST /v1/flows/:id/run, Accept: text/event-stream) and hands each
// event to the caller: run.start, node.start, node.end, token, then done or error.
import { authHeaders } from './client';
import type { TraceEntry, Usage } from '../engine';

export type StreamEvent =
  | { type: 'run.start'; runId: string; flowId: string }
  | { type: 'node.start'; nodeId: string; nodeType: string; startMs: number }
  | {
      type: 'node.end';
      nodeId: string;
      status: TraceEntry['status'];
      durationMs: number;
      handle?: string;
      error?: { code: string; message: string };
    }
  | { type: 'token'; nodeId: string; text: string }
  | { type: 'done'; runId: string; output: unknown; usage: Usage & { calls?: number }; trace: TraceEntry[] }
  | { type: 'error'; error: { code: string; message: string; nodeId?: string } };

/** Splits an SSE text buffer into complete events; returns the events and the unparsed rest. */
export function parseSse(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

export async function runFlowStream(
  flowId: string,
  input: unknown,
  onEvent: (e: StreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  // The editor runs what it edits: the draft (`@draft`, admin token), not the production version
  // that the unpinned edge URL serves once the flow is published.
  const res = await fetch(`/v1/flows/${encodeURIComponent(flowId)}@draft/run`, {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/json', accept: 'text/event-stream', 'weir-source': 'editor' },
    body: JSON.stringify({ input }),
    signal,
  });
  if (!res.ok || !res.body) {
    const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; nodeId?: string } };
    onEvent({ type: 'error', error: json.error ?? { code: 'http_error', message: `HTTP ${res.status}` } });
    return;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const parsed = parseSse(buffer + value);
    buffer = parsed.rest;
    for (const { event, data } of parsed.events) {
      try {
        onEvent({ type: event, ...(JSON.parse(data) as object) } as StreamEvent);
      } catch {
        // a malformed event line is ignored; the stream's done/error event still arrives
      }
    }
  }
}
