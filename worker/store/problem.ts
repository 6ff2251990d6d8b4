// Zod issues as the engine's Problem shape ({ code, message, path: "$.a[0].b", severity }), so
// every 400/422 answer lists problems the same way.
import type { z } from 'zod';
import { jsonPath, type Problem } from '../engine/problems';

export type { Problem };

export function zodProblems(error: z.ZodError, root?: string): Problem[] {
  return error.issues.map((issue) => {
    const path = jsonPath(issue.path);
    return { code: issue.code, message: issue.message, path: root ? root + path.slice(1) : path, severity: 'error' as const };
  });
}
