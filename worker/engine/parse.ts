// parseFlow: text or a value to a typed Flow plus every problem. Migrations between format
// versions live here; version 1 is the first, so today there is nothing to migrate.
import { jsonPath, hasErrors, type Problem } from './problems';
import { flowSchema, FLOW_FORMAT_VERSION, type Flow } from './schema';
import { validateFlow, type ValidateOptions } from './validate';

/** Upgrades older format versions in place, one step at a time (index = from-version). */
const migrations: Record<number, (flow: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateFlow(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  let flow = value as Record<string, unknown>;
  while (typeof flow.version === 'number' && flow.version < FLOW_FORMAT_VERSION && migrations[flow.version])
    flow = migrations[flow.version](flow);
  return flow;
}

export interface ParsedFlow {
  /** The typed flow when its shape is right (it may still have structural problems). */
  flow?: Flow;
  problems: Problem[];
  /** True when there are no error-level problems: the flow can run. */
  valid: boolean;
}

/** Parses and validates; `options` carries what the caller knows (providers, resolved prompts, node cap). */
export function parseFlow(source: string | unknown, options: ValidateOptions = {}): ParsedFlow {
  let value: unknown = source;
  if (typeof source === 'string') {
    try {
      value = JSON.parse(source);
    } catch (err) {
      const problems: Problem[] = [
        { code: 'json_syntax', message: `not valid JSON: ${(err as Error).message}`, path: jsonPath([]), severity: 'error' },
      ];
      return { problems, valid: false };
    }
  }
  value = migrateFlow(value);
  const problems = validateFlow(value, options);
  const parsed = flowSchema.safeParse(value);
  return { flow: parsed.success ? parsed.data : undefined, problems, valid: parsed.success && !hasErrors(problems) };
}
