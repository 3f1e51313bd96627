import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';

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
