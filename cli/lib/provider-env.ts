// The provider settings `npm start` uses, for CLI commands that call models: `.dev.vars` beside
// flows/ (parsed with dotenv) under the process environment, which wins.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'dotenv';
import { findFlowsDir } from './files';

const PROVIDER_VAR = /^(PROVIDERS|OPENAI_API_KEY|OPENAI_BASE_URL)$|_API_KEY$/;

export function providerEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const path = join(dirname(findFlowsDir()), '.dev.vars');
  const fromFile = existsSync(path) ? parse(readFileSync(path, 'utf8')) : {};
  const picked = Object.fromEntries(Object.entries(fromFile).filter(([k]) => PROVIDER_VAR.test(k)));
  return { ...picked, ...env };
}
