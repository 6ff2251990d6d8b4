// Starts a real `wrangler dev` the way `npm start` does (same seeding and server code), but on a
// free port, with a temp persistence dir and a temp env file instead of .dev.vars.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatDotenv, newToken } from '../../scripts/lib/dev-vars';
import { startDevServer, type DevServer } from '../../scripts/lib/dev-server';
import { ensureEditor } from '../../scripts/lib/editor';
import { seedLocal, type SeedReport } from '../../scripts/lib/seed';
import type { Flow } from '../../worker/engine';

export const root = resolve(import.meta.dirname, '..', '..');

export interface Weir {
  url: string;
  adminToken: string;
  invokeKey: string;
  seed: SeedReport;
  server: DevServer;
  stop: () => Promise<void>;
}

export async function startWeir(vars: Record<string, string> = {}): Promise<Weir> {
  const dir = mkdtempSync(join(tmpdir(), 'weir-e2e-'));
  const adminToken = newToken('weir_admin');
  const invokeKey = newToken('weir_invoke');
  const envFile = join(dir, 'test.env');
  writeFileSync(envFile, formatDotenv({ ADMIN_TOKEN: adminToken, INVOKE_KEYS: invokeKey, ...vars }, '# e2e'));
  const persistTo = join(dir, 'state');
  const seed = await seedLocal(root, persistTo);
  ensureEditor(root, { build: false, log: () => {} });
  let server: DevServer;
  try {
    server = await startDevServer({ root, port: 0, persistTo, envFiles: [envFile], output: 'collect' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: server.url, adminToken, invokeKey, seed, server, stop };
}

/** Every example flow in flows/ (the prompt files live in flows/prompts/). */
export function exampleFlows(): Flow[] {
  const dir = join(root, 'flows');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Flow);
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
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
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}
