// Checks that `npm start` can have its port before doing anything, so a taken port fails at once
// with a way out instead of a ready banner followed by an error.
import { createServer } from 'node:net';

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export const portInUseMessage = (port: number) =>
  `weir: port ${port} is already in use (another Weir or another server is running on it).\n` +
  `Stop it, or choose another port: npm start -- --port ${port === 8787 ? 8788 : port + 1}`;
