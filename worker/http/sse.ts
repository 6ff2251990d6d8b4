// Ordered SSE writes for streamed runs: engine events arrive synchronously, writes are async, so
// each write waits for the one before it; nothing is written once the client has gone.
import type { SSEStreamingApi } from 'hono/streaming';

export type SseSend = (data: string, event?: string) => Promise<void>;

export function orderedSse(stream: SSEStreamingApi): SseSend {
  let queue = Promise.resolve();
  return (data, event) => {
    queue = queue.then(() => (stream.closed || stream.aborted ? undefined : stream.writeSSE(event ? { event, data } : { data })));
    return queue;
  };
}
