// Placeholder replaced by the providers work: a fake OpenAI-compatible server.
import { createServer } from 'node:http';
export async function startFakeOpenAI() {
  const server = createServer((_req, res) => res.end('{}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
