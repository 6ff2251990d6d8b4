// The dataset table's rows: each item with a stable local key (ids can be edited), the columns
// the items' inputs need, and the checks the worker will make (the item schema, unique ids), so
// every problem shows on its row before saving.
import { datasetItem, type DatasetItem } from '../../../../worker/datasets/schema';
import type { Problem } from '../../engine';

export interface Row {
  key: string;
  /** The item as edited; it may be invalid until fixed. */
  item: Record<string, unknown>;
}

let next = 0;
export const rowKey = () => `r${++next}`;

export const toRows = (items: readonly DatasetItem[]): Row[] => items.map((item) => ({ key: rowKey(), item: { ...item } }));

/** Input field names over all items, in first-seen order. */
export function inputFields(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) {
    const input = r.item.input;
    if (input && typeof input === 'object') for (const k of Object.keys(input)) seen.add(k);
  }
  return [...seen];
}

/** A fresh id not used by any row: item-1, item-2, … */
export function freshId(rows: readonly Row[], base = 'item'): string {
  const ids = new Set(rows.map((r) => String(r.item.id ?? '')));
  for (let i = rows.length + 1; ; i++) if (!ids.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function newRow(rows: readonly Row[], fields: readonly string[]): Row {
  return { key: rowKey(), item: { id: freshId(rows), input: Object.fromEntries((fields.length ? fields : ['question']).map((f) => [f, ''])) } };
}

/** Every row's problems, by row key: schema issues (as "field: message") and duplicate ids. */
export function rowProblems(rows: readonly Row[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const firstById = new Map<string, number>();
  rows.forEach((row, i) => {
    const list: string[] = [];
    const parsed = datasetItem.safeParse(row.item);
    if (!parsed.success)
      for (const issue of parsed.error.issues) list.push(`${issue.path.length ? issue.path.join('.') : 'item'}: ${issue.message}`);
    const id = String(row.item.id ?? '');
    const first = firstById.get(id);
    if (id && first !== undefined) list.push(`id: "${id}" is already used by row ${first + 1}`);
    else if (id) firstById.set(id, i);
    if (list.length) out.set(row.key, list);
  });
  return out;
}

/** The worker's 422 problems name lines ("line 3: $.expected"); line n is the n-th saved row. */
export function problemsByRow(rows: readonly Row[], problems: readonly Problem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const m = /^line (\d+): \$\.?(.*)$/.exec(p.path ?? '');
    const row = m ? rows[Number(m[1]) - 1] : undefined;
    if (!row) continue;
    out.set(row.key, [...(out.get(row.key) ?? []), `${m![2] || 'item'}: ${p.message}`]);
  }
  return out;
}

/** Text for a value in a cell: strings as they are, anything else as JSON. */
export const cellText = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** A cell's text back to a value: JSON when the old value was not a string (or the text is clearly JSON). */
export function parseCell(text: string, old: unknown): { value: unknown } | { error: string } {
  const wantsJson = (old !== undefined && typeof old !== 'string') || /^\s*[[{]/.test(text);
  if (!wantsJson) return { value: text };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return typeof old === 'string' || old === undefined ? { value: text } : { error: 'not valid JSON' };
  }
}

export const tagsText = (tags: unknown): string => (Array.isArray(tags) ? tags.join(', ') : '');

export function withTags(item: Record<string, unknown>, tags: string[]): Record<string, unknown> {
  const { tags: _old, ...rest } = item;
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  return clean.length ? { ...rest, tags: clean } : rest;
}

/** Sets or removes (empty value) one top-level field. */
export function withField(item: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const { [field]: _old, ...rest } = item;
  return value === undefined || value === '' ? rest : { ...rest, [field]: value };
}
