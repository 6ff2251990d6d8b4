// A line diff (longest common subsequence) for comparing prompt versions side by side.
export type DiffRow = { kind: 'same' | 'changed' | 'added' | 'removed'; left?: string; right?: string };

export function lineDiff(a: string, b: string): DiffRow[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  // lcs[i][j] = length of the LCS of x[i:] and y[j:]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      rows.push({ kind: 'same', left: x[i++], right: y[j++] });
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      rows.push({ kind: 'removed', left: x[i++] });
    } else {
      rows.push({ kind: 'added', right: y[j++] });
    }
  }
  // A removal directly followed by an addition reads best as one changed line.
  const merged: DiffRow[] = [];
  for (const row of rows) {
    const prev = merged[merged.length - 1];
    if (row.kind === 'added' && prev?.kind === 'removed' && prev.right === undefined) {
      prev.kind = 'changed';
      prev.right = row.right;
    } else merged.push({ ...row });
  }
  return merged;
}
