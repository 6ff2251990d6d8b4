// The worker's deployable size: bundle it exactly as `wrangler deploy` would (dry run, minified)
// and report raw and gzip bytes against the 250 KB target.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function benchSize() {
  const outdir = mkdtempSync(join(tmpdir(), 'weir-size-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--minify', '--outdir', outdir], {
      stdio: 'pipe',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true' },
    });
    const files = readdirSync(outdir).filter((f) => f.endsWith('.js'));
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(outdir, f))));
    const result = { files, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, targetGzipBytes: 250_000 };
    console.log(
      `Worker bundle (wrangler deploy --dry-run --minify): ${(result.rawBytes / 1024).toFixed(1)} KiB raw, ${(result.gzipBytes / 1024).toFixed(1)} KiB gzip (target < 250 KB)`,
    );
    return result;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
