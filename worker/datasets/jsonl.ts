// Datasets as canonical JSONL: one item per line, keys in schema order, compact JSON, final
// newline, items in file order. Parsing reports every bad line with its line number and path.
import { jsonPath, type Problem } from '../engine/problems';
import { orderBySchema } from './canonical';
import { datasetItem, type DatasetItem } from './schema';

export interface ParsedDataset {
  items: DatasetItem[];
  problems: Problem[];
}

/** A problem's path names the line: `line 3: $.expected`. */
const at = (line: number, path: PropertyKey[] = []) => `line ${line}: ${jsonPath(path)}`;

export function parseDataset(text: string): ParsedDataset {
  const items: DatasetItem[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push({ code: 'json_syntax', message: `not valid JSON: ${(err as Error).message}`, path: at(line), severity: 'error' });
      return;
    }
    const parsed = datasetItem.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ code: 'invalid_item', message: issue.message, path: at(line, issue.path), severity: 'error' });
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      problems.push({
        code: 'duplicate_id',
        message: `item id "${parsed.data.id}" is already used on line ${first}`,
        path: at(line, ['id']),
        severity: 'error',
      });
      return;
    }
    seen.set(parsed.data.id, line);
    items.push(parsed.data);
  });
  return { items, problems };
}

/** One item's canonical line (no newline). */
export const formatItem = (item: unknown): string => JSON.stringify(orderBySchema(item, datasetItem));

/** The canonical text of a dataset. Formatting twice gives the same bytes; empty datasets are empty files. */
export const formatDataset = (items: readonly unknown[]): string => items.map((i) => formatItem(i) + '\n').join('');

/** Canonical text of a file's lines as they are, valid or not (for `weir fmt` on files with problems). */
export function formatDatasetText(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return formatItem(JSON.parse(l)) + '\n';
      } catch {
        return l + '\n';
      }
    })
    .join('');
}
