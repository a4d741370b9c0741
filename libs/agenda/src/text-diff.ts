export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Line diff between two versions of a text: a longest common subsequence of lines (Hunt–McIlroy
 * style dynamic programming, O(n·m) — proposals are at most a few hundred lines), removals listed
 * before additions at each change.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i:] and b[j:]
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ op: 'removed', text: a[i] });
      i += 1;
    } else {
      out.push({ op: 'added', text: b[j] });
      j += 1;
    }
  }
  for (; i < n; i += 1) out.push({ op: 'removed', text: a[i] });
  for (; j < m; j += 1) out.push({ op: 'added', text: b[j] });
  return out;
}
