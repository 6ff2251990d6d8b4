// Zod issues as the engine's Problem shape ({ code, message, path: "$.a[0].b", severity }), so
// every 400/422 answer lists problems the same way.
import type { z } from 'zod';

export interface Problem {
  code: string;
  message: string;
  path: string;
  nodeId?: string;
  severity: 'error' | 'warning';
}

export function jsonPath(path: readonly PropertyKey[], root = '$'): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

export function zodProblems(error: z.ZodError, root = '$'): Problem[] {
  return error.issues.map((issue) => ({
    code: issue.code,
    message: issue.message,
    path: jsonPath(issue.path, root),
    severity: 'error' as const,
  }));
}
