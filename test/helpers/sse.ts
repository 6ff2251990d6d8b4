// Parses a server-sent-events body into {event, data} pairs (data as JSON), for tests that read
// Weir's streamed runs in workerd and over HTTP alike.
export interface SseEvent {
  event: string;
  data: Record<string, unknown> & { nodeId?: string; text?: string };
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      return { event, data: JSON.parse(data) as SseEvent['data'] };
    });
}
