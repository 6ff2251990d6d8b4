// Rows for a side-by-side diff of two prompt texts, from jsdiff: diffLines finds the changed
// lines, and a removed line paired with an added one becomes one "changed" row whose words are
// marked with diffWords.
import { diffLines, diffWords } from 'diff';

export type DiffPart = { text: string; changed: boolean };
export type DiffRow = {
  kind: 'same' | 'changed' | 'added' | 'removed';
  left?: string;
  right?: string;
  /** For changed rows: each side split into unchanged and changed words. */
  leftParts?: DiffPart[];
  rightParts?: DiffPart[];
};

const linesOf = (value: string) => value.replace(/\n$/, '').split('\n');

function changedRow(left: string, right: string): DiffRow {
  const words = diffWords(left, right);
  return {
    kind: 'changed',
    left,
    right,
    leftParts: words.filter((c) => !c.added).map((c) => ({ text: c.value, changed: c.removed })),
    rightParts: words.filter((c) => !c.removed).map((c) => ({ text: c.value, changed: c.added })),
  };
}

export function lineDiff(a: string, b: string): DiffRow[] {
  const rows: DiffRow[] = [];
  const changes = diffLines(a, b, { ignoreNewlineAtEof: true });
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (!c.added && !c.removed) {
      for (const line of linesOf(c.value)) rows.push({ kind: 'same', left: line, right: line });
      continue;
    }
    // jsdiff reports a replaced block as a removal followed by an addition: pair their lines.
    const removed = c.removed ? linesOf(c.value) : [];
    const next = c.removed && changes[i + 1]?.added ? changes[++i] : undefined;
    const added = c.added ? linesOf(c.value) : next ? linesOf(next.value) : [];
    const paired = Math.min(removed.length, added.length);
    for (let j = 0; j < paired; j++) rows.push(changedRow(removed[j], added[j]));
    for (const line of removed.slice(paired)) rows.push({ kind: 'removed', left: line });
    for (const line of added.slice(paired)) rows.push({ kind: 'added', right: line });
  }
  return rows;
}
