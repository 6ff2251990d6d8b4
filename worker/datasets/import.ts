// Ways into a dataset that need no worker: CSV, JSONL in several shapes (dataset items, OpenAI
// chat fine-tuning lines, promptfoo-style {vars}), and a flow's examples. Items without an id get
// a stable one from a hash of their content, so importing the same file twice gives the same ids.
import type { Flow, InputField } from '../engine/schema';
import type { Problem } from '../engine/problems';
import { parseCsv } from './csv';
import { formatItem } from './jsonl';
import { datasetItem, splitName, type DatasetItem } from './schema';
import { hashString } from './seeded';

export interface ImportOptions {
  /** Input fields are converted to the types the flow declares (CSV cells are text). */
  flow?: Pick<Flow, 'input'>;
  /** Parse the CSV `expected` column as JSON. */
  expectedJson?: boolean;
  /** Prefix for generated ids (default "item"). */
  idPrefix?: string;
}

export interface Imported {
  items: DatasetItem[];
  problems: Problem[];
}

const ITEM_COLUMNS = new Set(['id', 'expected', 'rejected', 'tags', 'split', 'note', 'node', 'source_run', 'source_node']);
const problem = (where: string, message: string): Problem => ({ code: 'import_error', message, path: where, severity: 'error' });

function coerce(value: string, field: InputField | undefined): unknown {
  switch (field?.type) {
    case 'number':
    case 'integer': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`"${value}" is not a number`);
      return n;
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(value)) return true;
      if (/^(false|no|0)$/i.test(value)) return false;
      throw new Error(`"${value}" is not true or false`);
    case 'object':
    case 'array':
      return JSON.parse(value) as unknown;
    default:
      return value;
  }
}

/** Gives items without an id `<prefix>-<8 hex digits of their content>`, unique within the set. */
export function assignIds(raw: Record<string, unknown>[], prefix = 'item'): Record<string, unknown>[] {
  const used = new Set(raw.map((r) => r.id).filter((id): id is string => typeof id === 'string'));
  return raw.map((r) => {
    if (typeof r.id === 'string') return r;
    const base = `${prefix}-${hashString(formatItem({ ...r, id: 'x' })).toString(16).padStart(8, '0')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, ...r };
  });
}

function validate(raw: Record<string, unknown>[], where: (i: number) => string, prefix?: string): Imported {
  const items: DatasetItem[] = [];
  const problems: Problem[] = [];
  assignIds(raw, prefix).forEach((r, i) => {
    const parsed = datasetItem.safeParse(r);
    if (parsed.success) items.push(parsed.data);
    else for (const issue of parsed.error.issues) problems.push(problem(`${where(i)}: $.${issue.path.join('.')}`, issue.message));
  });
  return { items, problems };
}

export function itemsFromCsv(text: string, opts: ImportOptions = {}): Imported {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    return { items: [], problems: [problem('csv', (err as Error).message)] };
  }
  const [header, ...body] = rows;
  if (!header) return { items: [], problems: [problem('csv', 'the file is empty')] };
  const fields = opts.flow?.input.fields ?? {};
  const raw: Record<string, unknown>[] = [];
  const problems: Problem[] = [];
  body.forEach((cells, r) => {
    const item: Record<string, unknown> = {};
    const input: Record<string, unknown> = {};
    header.forEach((name, c) => {
      const column = name.trim();
      const cell = cells[c] ?? '';
      if (cell === '') return;
      const where = `row ${r + 2}, column ${column}`;
      try {
        if (column === 'tags') item.tags = cell.split(/[;|]/).map((t) => t.trim()).filter(Boolean);
        else if (column === 'split') item.split = splitName.parse(cell.trim());
        else if (column === 'expected') item.expected = opts.expectedJson ? (JSON.parse(cell) as unknown) : cell;
        else if (column === 'source_run') item.source = { ...(item.source as object), runId: cell };
        else if (column === 'source_node') item.source = { ...(item.source as object), nodeId: cell };
        else if (ITEM_COLUMNS.has(column)) item[column] = cell;
        else {
          const field = column.replace(/^input\./, '');
          input[field] = coerce(cell, fields[field]);
        }
      } catch (err) {
        problems.push(problem(where, (err as Error).message.split('\n')[0]));
      }
    });
    item.input = input;
    raw.push(item);
  });
  const result = validate(raw, (i) => `row ${i + 2}`, opts.idPrefix);
  return { items: result.items, problems: [...problems, ...result.problems] };
}

/** One JSONL line in any of the shapes we read, as a raw item. */
function fromLine(value: Record<string, unknown>): Record<string, unknown> {
  if ('vars' in value && !('input' in value)) {
    const { vars, assert: _assert, description, ...rest } = value;
    return { ...rest, input: vars, ...(typeof description === 'string' ? { note: description } : {}) };
  }
  if (Array.isArray(value.messages) && value.expected === undefined && !('input' in value)) {
    const messages = value.messages as { role?: unknown; content?: unknown }[];
    const last = messages[messages.length - 1];
    if (last?.role === 'assistant') return { ...value, messages: messages.slice(0, -1), expected: last.content };
  }
  return value;
}

export function itemsFromJsonl(text: string, opts: ImportOptions = {}): Imported {
  const raw: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('a line must be a JSON object');
      raw.push(fromLine(value as Record<string, unknown>));
      lines.push(i + 1);
    } catch (err) {
      problems.push(problem(`line ${i + 1}`, (err as Error).message));
    }
  });
  const result = validate(raw, (i) => `line ${lines[i]}`, opts.idPrefix);
  return { items: result.items, problems: [...problems, ...result.problems] };
}

/** A flow's examples as items: the example's name is the id, its description the note. */
export function itemsFromExamples(flow: Pick<Flow, 'id' | 'examples'>): DatasetItem[] {
  return (flow.examples ?? []).map((e) =>
    datasetItem.parse({
      id: e.name.replace(/[^A-Za-z0-9_.:-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'example',
      input: e.input,
      tags: ['example'],
      ...(e.description ? { note: e.description } : {}),
    }),
  );
}

/** Adds `incoming` to `existing`: new ids are appended; an id already there is an error unless `replace`. */
export function mergeItems(existing: readonly DatasetItem[], incoming: readonly DatasetItem[], replace = false): Imported {
  const byId = new Map(existing.map((item, i) => [item.id, i]));
  const out = [...existing];
  const problems: Problem[] = [];
  for (const item of incoming) {
    const at = byId.get(item.id);
    if (at === undefined) {
      byId.set(item.id, out.length);
      out.push(item);
    } else if (replace) out[at] = item;
    else problems.push({ code: 'duplicate_id', message: `item "${item.id}" is already in the dataset (use --replace)`, path: '$', severity: 'error' });
  }
  return { items: out, problems };
}
