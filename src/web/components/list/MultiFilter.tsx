import { MultiSelect, type MultiSelectProps } from '@mantine/core';

type Props<V extends string> = Omit<MultiSelectProps, 'value' | 'onChange'> & {
  label: string;
  value: V[] | undefined;
  /** Called with no list at all when nothing is chosen, so the filter leaves the link. */
  onChange: (values: V[] | undefined) => void;
  /** What the empty filter says: `Any`, or `Anyone` for people. */
  anyLabel?: string;
};

/** A list filter that matches any of several values: "Any" while none is chosen. */
export function MultiFilter<V extends string>({
  value,
  onChange,
  anyLabel = 'Any',
  ...rest
}: Props<V>) {
  return (
    <MultiSelect
      {...rest}
      value={value ?? []}
      onChange={(values) => onChange(values.length > 0 ? (values as V[]) : undefined)}
      placeholder={value ? undefined : anyLabel}
      clearable
    />
  );
}
