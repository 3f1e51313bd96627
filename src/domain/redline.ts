import { diffWordsWithSpace } from 'diff';

/**
 * A word-level redline of two Markdown texts (decision 050): what stayed, what was inserted and
 * what was deleted, in reading order, each run of words once. Joining the `same` and `insert`
 * parts gives the new text; joining `same` and `delete` gives the old one.
 */

export const redlineOps = ['same', 'insert', 'delete'] as const;
export type RedlineOp = (typeof redlineOps)[number];
export type RedlinePart = { op: RedlineOp; text: string };

/** Past this time a diff would hold the request too long; the redline is then a full replacement. */
export const redlineTimeoutMs = 2000;

/** Adjacent parts of the same kind made one (the diff can answer two in a row). */
function merged(parts: RedlinePart[]): RedlinePart[] {
  const out: RedlinePart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.op === part.op) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** The redline from `before` to `after`, by word (spaces and line breaks kept as they are). */
export function redline(before: string, after: string): RedlinePart[] {
  if (before === after) return merged([{ op: 'same', text: before }]);
  const changes = diffWordsWithSpace(before, after, { timeout: redlineTimeoutMs });
  if (!changes)
    return merged([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
  return merged(
    changes.map((change) => ({
      op: change.added ? 'insert' : change.removed ? 'delete' : 'same',
      text: change.value,
    })),
  );
}

/** The text on one side of a redline: `old` keeps the deletions, `new` the insertions. */
export function sideOf(parts: RedlinePart[], side: 'old' | 'new'): string {
  const skip: RedlineOp = side === 'old' ? 'insert' : 'delete';
  return parts
    .filter((part) => part.op !== skip)
    .map((part) => part.text)
    .join('');
}

/** How many words were inserted and deleted, for a summary beside the redline. */
export function redlineCounts(parts: RedlinePart[]): { inserted: number; deleted: number } {
  const words = (text: string) => text.split(/\s+/).filter((w) => w !== '').length;
  let inserted = 0;
  let deleted = 0;
  for (const part of parts) {
    if (part.op === 'insert') inserted += words(part.text);
    if (part.op === 'delete') deleted += words(part.text);
  }
  return { inserted, deleted };
}
