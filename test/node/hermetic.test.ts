// Defect: `npm test` read the developer's .dev.vars, so a configured provider key sent tests to
// the real provider. This runs the workers probe test with a .dev.vars holding a provider key.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hermeticBindings, localSecretKeys } from '../helpers/hermetic-bindings';

const root = join(import.meta.dirname, '..', '..');

describe('hermetic tests', () => {
  it('override every key of a local .dev.vars with their own bindings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-hermetic-'));
    writeFileSync(join(dir, '.dev.vars'), 'OPENAI_API_KEY=sk-real-key\nOPENAI_BASE_URL=https://api.openai.com/v1\nADMIN_TOKEN=dev-admin\n');
    try {
      expect(localSecretKeys(dir)).toEqual(['ADMIN_TOKEN', 'OPENAI_API_KEY', 'OPENAI_BASE_URL']);
      expect(hermeticBindings(dir, { ADMIN_TOKEN: 'test-admin-token' })).toMatchObject({
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
        ADMIN_TOKEN: 'test-admin-token',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run the workers suite on their own bindings with a provider key in the repo root .dev.vars', () => {
    const devVars = join(root, '.dev.vars');
    // Never touch a developer's own file: when one exists, the probe checks the keys it already has.
    const planted = !existsSync(devVars);
    if (planted) writeFileSync(devVars, 'OPENAI_API_KEY=sk-planted-by-hermetic-test\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n');
    try {
      const run = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'workers', 'test/worker/hermetic.test.ts'], {
        cwd: root,
        encoding: 'utf8',
        // Its own fake provider port: this run's (inherited through the env) is taken by this run's fake.
        env: { ...process.env, CI: 'true', WEIR_FAKE_OPENAI_PORT: undefined },
        timeout: 170_000,
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain('2 passed');
    } finally {
      if (planted) rmSync(devVars, { force: true });
    }
  });
});
