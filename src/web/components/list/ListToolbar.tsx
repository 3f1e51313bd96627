import {
  Badge,
  Button,
  type ButtonProps,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch, IconX } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';

type Props = {
  /** The landmark's name: `Find partners`. */
  label: string;
  searchPlaceholder: string;
  query: string | undefined;
  onQuery: (query: string | undefined) => void;
  sort: string;
  sortOptions: Array<{ value: string; label: string }>;
  onSort: (sort: string) => void;
  /** How many filters hold a value; shown on the button while the filters are closed. */
  activeCount: number;
  onClear: () => void;
  /** The filter fields. */
  children: ReactNode;
};

/** The button that shows and hides a list's filters, with how many hold a value. */
export function FiltersButton(props: {
  opened: boolean;
  activeCount: number;
  /** The id of the filters' panel it controls. */
  panelId: string;
  onToggle: () => void;
}) {
  const { opened, activeCount } = props;
  return (
    <Button
      variant={opened ? 'light' : 'default'}
      leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
      rightSection={
        activeCount > 0 ? (
          <Badge size="sm" circle aria-hidden>
            {activeCount}
          </Badge>
        ) : null
      }
      aria-expanded={opened}
      aria-controls={props.panelId}
      onClick={props.onToggle}
      style={{ flex: '0 0 auto' }}
    >
      Filters
      {activeCount > 0 ? <VisuallyHidden>, {activeCount} active</VisuallyHidden> : null}
    </Button>
  );
}

type FilterBarProps = {
  /** The landmark's name: `Find plans`. */
  label: string;
  /** The field that stays in view beside the button: a search box, a partner picker. */
  lead: ReactNode;
  /** Whether anything narrows the list, which offers "Clear". */
  filtered: boolean;
  onClear: () => void;
  sort: string;
  sortOptions: Array<{ value: string; label: string }>;
  onSort: (sort: string) => void;
  /** How many filters hold a value; shown on the button while the filters are closed. */
  activeCount: number;
  /** Columns of the filters' grid on a wide screen. */
  columns?: number;
  /** The filter fields. */
  children: ReactNode;
};

/**
 * A list's leading field, with its filters and sort behind one "Filters" button: the list shows
 * at once on a phone, and tabbing past the leading field does not walk through every filter.
 */
export function FilterBar(props: FilterBarProps) {
  const { label, filtered, onClear, sort, sortOptions, onSort, activeCount } = props;
  const [opened, { toggle }] = useDisclosure(false);
  const panelId = useId();
  // "Clear" sits beside the button on a wide screen and under the filters on a phone.
  const clearButton = (text: string, placement: ButtonProps) =>
    filtered ? (
      <Button
        variant="subtle"
        leftSection={<IconX size={16} aria-hidden />}
        onClick={onClear}
        {...placement}
      >
        {text}
      </Button>
    ) : null;

  return (
    <search aria-label={label}>
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="end">
          <div style={{ flex: '1 1 auto', maxWidth: 360, minWidth: 0 }}>{props.lead}</div>
          <FiltersButton
            opened={opened}
            activeCount={activeCount}
            panelId={panelId}
            onToggle={toggle}
          />
          {clearButton('Clear', { visibleFrom: 'xs', style: { flex: '0 0 auto' } })}
        </Group>
        <Collapse expanded={opened} id={panelId}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: props.columns ?? 4 }} spacing="sm" pb="xs">
            {props.children}
            <Select
              label="Sort"
              data={sortOptions}
              value={sort}
              onChange={(value) => value && onSort(value)}
              allowDeselect={false}
            />
          </SimpleGrid>
          {clearButton('Clear filters', { hiddenFrom: 'xs', mt: 'xs' })}
        </Collapse>
      </Stack>
    </search>
  );
}

/** A list's search box, debounced, leading its filters and sort (see `FilterBar`). */
export function ListToolbar(props: Props) {
  const { searchPlaceholder, query, onQuery, children, ...bar } = props;
  const [text, setText] = useState(query ?? '');
  const setQuery = useDebouncedCallback((value: string) => {
    onQuery(value.trim() === '' ? undefined : value);
  }, 250);

  return (
    <FilterBar
      {...bar}
      filtered={bar.activeCount > 0 || Boolean(query)}
      onClear={() => {
        setText('');
        props.onClear();
      }}
      lead={
        <TextInput
          aria-label="Search"
          placeholder={searchPlaceholder}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setQuery(event.currentTarget.value);
          }}
          type="search"
        />
      }
    >
      {children}
    </FilterBar>
  );
}
