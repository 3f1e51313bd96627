import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { partnerQuery, partnerSearchQuery } from '../partners/partners.api';

type Props = {
  value: string | null;
  /** The name of the partner already chosen, so it shows before any search. */
  selectedName: string | null;
  onChange: (id: string | null, name: string | null) => void;
  error?: React.ReactNode;
  label?: string;
  /** A form needs a partner; a filter may have none. */
  required?: boolean;
  placeholder?: string;
};

/** Picks a partner by searching the API; there may be thousands, so nothing is preloaded. */
export function PartnerPicker({
  value,
  selectedName,
  onChange,
  error,
  label = 'Partner',
  required = true,
  placeholder = 'Search partners',
}: Props) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const found = useQuery(partnerSearchQuery(debounced));
  const data = useMemo(() => {
    const options = (found.data ?? []).map((partner) => ({
      value: partner.id,
      label: partner.name,
    }));
    if (value && selectedName && !options.some((option) => option.value === value)) {
      options.unshift({ value, label: selectedName });
    }
    return options;
  }, [found.data, value, selectedName]);

  return (
    <Select
      label={label}
      required={required}
      clearable={!required}
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // The API already matched the names.
      filter={({ options }) => options}
      onChange={(id, option) => onChange(id, option?.label ?? null)}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No partner matches'}
      placeholder={placeholder}
      error={error}
    />
  );
}

/** A list's partner filter: the picker, naming the chosen partner from the link it was opened with. */
export function PartnerFilter(props: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  label?: string;
}) {
  const [picked, setPicked] = useState<{ id: string; name: string | null } | null>(null);
  const partner = useQuery({ ...partnerQuery(props.value ?? ''), enabled: !!props.value });
  return (
    <PartnerPicker
      label={props.label}
      required={false}
      placeholder="Any partner"
      value={props.value ?? null}
      selectedName={
        (picked?.id === props.value ? picked?.name : null) ?? partner.data?.partner.name ?? null
      }
      onChange={(id, name) => {
        setPicked(id ? { id, name } : null);
        props.onChange(id ?? undefined);
      }}
    />
  );
}
