import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';

/** Moves the item at `index` by `step` (−1 up, +1 down), answering a new array. */
export function moved<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

/**
 * Focus after a move: the moved item re-renders elsewhere, so focus goes to its arrow that
 * still works (the same direction unless it reached the end).
 */
function focusAfterMove(
  itemKey: string,
  direction: 'up' | 'down',
  position: number,
  count: number,
) {
  const stillThatWay = direction === 'up' ? position > 0 : position < count - 1;
  const arrow = stillThatWay ? direction : direction === 'up' ? 'down' : 'up';
  requestAnimationFrame(() =>
    document
      .querySelector<HTMLElement>(`[data-item-key="${itemKey}"] [data-move="${arrow}"]`)
      ?.focus(),
  );
}

/**
 * Up, down and remove buttons for one item of an ordered list, named for screen readers; a
 * move keeps focus on the item and says where it went (`announce` fills a live region).
 */
export function OrderButtons({
  name,
  itemKey,
  index,
  count,
  onMove,
  onRemove,
  announce,
}: {
  name: string;
  itemKey: string;
  index: number;
  count: number;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
  announce: (text: string) => void;
}) {
  const move = (step: -1 | 1) => {
    onMove(step);
    announce(`${name} moved to position ${index + step + 1} of ${count}.`);
    focusAfterMove(itemKey, step < 0 ? 'up' : 'down', index + step, count);
  };
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={`Move ${name} up`}>
        <ActionIcon
          variant="subtle"
          aria-label={`Move ${name} up`}
          data-move="up"
          disabled={index === 0}
          onClick={() => move(-1)}
        >
          <IconArrowUp size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`Move ${name} down`}>
        <ActionIcon
          variant="subtle"
          aria-label={`Move ${name} down`}
          data-move="down"
          disabled={index === count - 1}
          onClick={() => move(1)}
        >
          <IconArrowDown size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`Remove ${name}`}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove ${name}`}
          onClick={() => {
            onRemove();
            announce(`${name} removed.`);
          }}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
