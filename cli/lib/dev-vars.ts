// The local worker's settings as `wrangler dev` reads them: `.dev.vars` beside flows/ (the repo
// root), parsed with dotenv. The CLI uses them for provider settings (`weir run`) and the admin
// token of a local worker; variables set in the shell win.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'dotenv';
import { findFlowsDir } from './files';

export function devVarsPath(): string {
  let root: string;
  try {
    root = dirname(findFlowsDir());
  } catch {
    root = process.cwd();
  }
  return join(root, '.dev.vars');
}

export function readDevVars(path = devVarsPath()): Record<string, string> {
  return existsSync(path) ? parse(readFileSync(path)) : {};
}

/** .dev.vars under the process environment: what the shell sets wins. */
export function envWithDevVars(): { env: Record<string, string | undefined>; fromDevVars: string[] } {
  const vars = readDevVars();
  const fromDevVars = Object.keys(vars).filter((k) => process.env[k] === undefined);
  return { env: { ...vars, ...process.env }, fromDevVars };
}
