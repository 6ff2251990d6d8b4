// Checks the examples text of the flow settings: it must parse, each example must have a name
// and an input object (the engine's example schema), and each input must fit the flow's input
// declaration (the engine's checkInput: what a request with that input would get back).
import { checkInput, exampleSchema, type Flow, type FlowExample } from '../engine';

export interface ExampleIssue {
  message: string;
  /** Which example, by position and name, when the issue belongs to one. */
  where?: string;
}

export const showExamples = (examples: FlowExample[] | undefined) => JSON.stringify(examples ?? [], null, 2);

/** Parses the text; returns the examples when all have the right shape, and every issue. */
export function checkExamples(text: string, input: Flow['input']): { examples?: FlowExample[]; issues: ExampleIssue[] } {
  let value: unknown;
  try {
    value = text.trim() === '' ? [] : JSON.parse(text);
  } catch (err) {
    return { issues: [{ message: `not valid JSON: ${(err as Error).message}` }] };
  }
  if (!Array.isArray(value)) return { issues: [{ message: 'examples must be a JSON array: [{ "name": "...", "input": { ... } }]' }] };
  const issues: ExampleIssue[] = [];
  const examples: FlowExample[] = [];
  let shapeOk = true;
  value.forEach((item, i) => {
    const where = `#${i + 1}${item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? ` ${(item as { name: string }).name}` : ''}`;
    const parsed = exampleSchema.safeParse(item);
    if (!parsed.success) {
      shapeOk = false;
      for (const issue of parsed.error.issues)
        issues.push({ where, message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` });
      return;
    }
    examples.push(parsed.data);
    for (const p of checkInput({ input }, parsed.data.input)) issues.push({ where, message: p.message });
  });
  const names = examples.map((e) => e.name);
  names.forEach((n, i) => names.indexOf(n) !== i && issues.push({ where: `#${i + 1} ${n}`, message: 'another example has this name' }));
  // Only examples of the right shape are stored; an input that does not fit is stored with its issue.
  return { examples: shapeOk ? examples : undefined, issues };
}
