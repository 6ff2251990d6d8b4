// The workers tests' own bindings, whatever the developer keeps locally. The Cloudflare vitest
// integration loads `.dev.vars` (or `.env`) beside wrangler.toml, as `wrangler dev` does, so a
// configured OPENAI_API_KEY would reach the tests and send them to the real provider. Every key
// found there is overridden here with an empty value (or the test's own), so tests see only
// their bindings. The list of neutralised keys is passed on so a test can check it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

const LOCAL_FILES = ['.dev.vars', '.env', '.env.local'];

export function localSecretKeys(root: string): string[] {
  const keys = new Set<string>();
  for (const file of LOCAL_FILES) {
    const path = join(root, file);
    if (existsSync(path)) for (const key of Object.keys(parse(readFileSync(path)))) keys.add(key);
  }
  return [...keys].sort();
}

export function hermeticBindings<T extends object>(root: string, own: T): T & { TEST_NEUTRALISED_KEYS: string[] } {
  const keys = localSecretKeys(root);
  const cleared = Object.fromEntries(keys.map((k) => [k, '']));
  return { ...cleared, ...own, TEST_NEUTRALISED_KEYS: keys };
}
