// `npm run deploy` offline: the dry run bundles with `wrangler deploy --dry-run` and prints what
// it would push, with every Node process it starts barred from the network; a real deploy refuses
// to start without the admin token it needs to push.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers';

const logDir = mkdtempSync(join(tmpdir(), 'weir-deploy-test-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

function deploy(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; netLog: string }> {
  const netLog = join(logDir, `net-${Math.random().toString(36).slice(2)}.log`);
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(WEIR_|CLOUDFLARE_|OPENAI_)/.test(k)) childEnv[k] = v;
  Object.assign(
    childEnv,
    { NODE_OPTIONS: `--import=${join(import.meta.dirname, 'no-network.mjs')}`, WEIR_NET_LOG: netLog, NO_COLOR: '1' },
    env,
  );
  const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, join(repoRoot, 'scripts', 'deploy.ts'), ...args], {
      cwd: repoRoot,
      env: childEnv as NodeJS.ProcessEnv,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, netLog: existsSync(netLog) ? readFileSync(netLog, 'utf8') : '' }));
  });
}

describe('npm run deploy', () => {
  it('bundles with wrangler deploy --dry-run and prints the flows and prompts it would push, without network', async () => {
    const res = await deploy(['--dry-run', '--no-editor-build', '--publish', '--label', 'production']);
    expect(res.code, res.out).toBe(0);
    expect(res.netLog).toBe('');
    expect(res.out).toContain('wrangler deploy --dry-run --outdir');
    expect(res.out).toContain('--dry-run: exiting now.');
    expect(res.out).toMatch(/worker bundle: index\.js \d+ KB/);
    expect(res.out).toMatch(/prompt support-classify: versions 1\.\.\d+, labels production -> \d/);
    const flows = readdirSync(join(repoRoot, 'flows'))
      .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    for (const id of flows) expect(res.out).toContain(`flow ${id}`);
    expect(res.out).toContain(`would publish: ${flows.join(', ')} and point production at the new versions`);
    expect(res.out).toContain('would apply D1 migrations remotely');
    expect(res.out).toContain('nothing deployed, nothing pushed');
  });

  it('refuses a real deploy without WEIR_ADMIN_TOKEN before running wrangler', async () => {
    const res = await deploy(['--no-editor-build']);
    expect(res.code).toBe(1);
    expect(res.out).toContain('set WEIR_ADMIN_TOKEN');
    expect(res.out).not.toContain('wrangler deploy');
    expect(res.netLog).toBe('');
  });

  it('refuses --label without --publish', async () => {
    const res = await deploy(['--dry-run', '--label', 'production']);
    expect(res.code).toBe(1);
    expect(res.out).toContain('--label needs --publish');
  });
});
