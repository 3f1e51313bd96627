import { Anchor, Badge, Text, type TextProps } from '@mantine/core';
import classes from './list.module.css';
import { resultCount } from './sort';

/**
 * Text cut to one line with an ellipsis; the whole value shows on hover (title) and stays in
 * the page for screen readers, which read the text, not its clipped box.
 */
export function Truncated({ children, ...props }: TextProps & { children: string | null }) {
  if (!children) {
    return (
      <Text size="sm" c="dimmed" {...props}>
        —
      </Text>
    );
  }
  return (
    <Text size="sm" truncate="end" title={children} {...props}>
      {children}
    </Text>
  );
}

/** An email address as a mail link, cut to the cell like any long text. */
export function EmailLink({ email }: { email: string | null }) {
  if (!email) return <Truncated>{null}</Truncated>;
  return (
    <Anchor href={`mailto:${email}`} size="sm" truncate="end" title={email} display="block">
      {email}
    </Anchor>
  );
}

/** Tags as chips that keep a readable width; those that do not fit are counted. */
export function TagList({ tags, max = 3 }: { tags: readonly string[]; max?: number }) {
  if (tags.length === 0) return <Truncated>{null}</Truncated>;
  const shown = tags.slice(0, max);
  const hidden = tags.length - shown.length;
  return (
    <div className={classes.tags} title={tags.join(', ')}>
      {shown.map((tag) => (
        <Badge
          key={tag}
          variant="default"
          size="sm"
          radius="sm"
          tt="none"
          fw={500}
          className={classes.tag}
        >
          {tag}
        </Badge>
      ))}
      {hidden > 0 ? (
        <Badge
          variant="transparent"
          size="sm"
          tt="none"
          fw={500}
          c="dimmed"
          className={classes.more}
        >
          +{hidden}
        </Badge>
      ) : null}
    </div>
  );
}

/** A list’s count, said the same way under every list and announced as it changes. */
export function ResultCount(props: {
  pending: boolean;
  count: number;
  more: boolean;
  noun: readonly [string, string];
  filtered: boolean;
}) {
  return (
    <Text size="sm" c="dimmed" role="status" aria-live="polite">
      {props.pending
        ? `Loading ${props.noun[1]}…`
        : resultCount(props.count, props.more, props.noun, props.filtered)}
    </Text>
  );
}

/** A keyboard shortcut past the search and filters to the list itself. */
export function SkipToResults({ target }: { target: string }) {
  return (
    <a href={`#${target}`} className={classes.skip}>
      Skip to results
    </a>
  );
}
