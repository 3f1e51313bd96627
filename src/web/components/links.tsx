import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink, useRouter } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef, type MouseEvent } from 'react';

/**
 * Mantine's anchor and button as router links: createLink keeps the route path, params and
 * search type-checked, which `component={Link}` loses.
 */
const MantineAnchor = forwardRef<HTMLAnchorElement, AnchorProps & ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Anchor component="a" ref={ref} {...props} />,
);
export const AnchorLink = createLink(MantineAnchor);

const MantineButtonAnchor = forwardRef<
  HTMLAnchorElement,
  ButtonProps & ComponentPropsWithoutRef<'a'>
>((props, ref) => <Button component="a" ref={ref} {...props} />);
export const ButtonLink = createLink(MantineButtonAnchor);

/**
 * A link to an app path known only at run time (a notification's or a linked record's page, as
 * the server names it). A plain click stays in the app; a modified one opens a tab as links do.
 */
export function PathLink({
  path,
  onClick,
  ...props
}: AnchorProps & Omit<ComponentPropsWithoutRef<'a'>, 'href'> & { path: string }) {
  const router = useRouter();
  return (
    <Anchor
      href={path}
      {...props}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        router.history.push(path);
      }}
    />
  );
}
