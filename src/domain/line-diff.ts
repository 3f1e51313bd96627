/**
 * A line diff of two texts, for showing what changed in a plan's text fields. It keeps the
 * longest run of lines the two share (a longest common subsequence) and marks the rest as
 * removed or added, removals first, as people read a diff.
 */

export type DiffLine = { op: 'equal' | 'removed' | 'added'; text: string };

/** Past this many lines on each side the diff would cost too much; it shows a full replacement. */
export const maxDiffLines = 2000;

const linesOf = (text: string) => (text === '' ? [] : text.split(/\r\n|\r|\n/));

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  if (a.length > maxDiffLines || b.length > maxDiffLines)
    return [
      ...a.map((text) => ({ op: 'removed' as const, text })),
      ...b.map((text) => ({ op: 'added' as const, text })),
    ];
  // common at (i, j): the longest common subsequence of a[i..] and b[j..], filled from the end.
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  const at = (i: number, j: number) => common[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      common[i * width + j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left !== undefined && right !== undefined && left === right) {
      lines.push({ op: 'equal', text: left });
      i++;
      j++;
    } else if (left !== undefined && (right === undefined || at(i + 1, j) >= at(i, j + 1))) {
      lines.push({ op: 'removed', text: left });
      i++;
    } else {
      lines.push({ op: 'added', text: right ?? '' });
      j++;
    }
  }
  return lines;
}
