import { ActionIcon, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SignerSide } from '../../../domain/agreements';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { contactName, listContacts } from '../contacts/contacts.api';
import { useMembers } from '../settings/settings.api';
import { type Agreement, addSigner, removeSigner } from './agreements.api';

type Props = { agreement: Agreement; etag: string; canChange: boolean };

/** Who signs for each side, and, while the terms are open, adding and removing them. */
export function AgreementSigners({ agreement, etag, canChange }: Props) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const contacts = useQuery({
    queryKey: ['contacts', { partnerId: agreement.partnerId }],
    queryFn: ({ signal }) => listContacts({ partnerId: agreement.partnerId }, undefined, signal),
    enabled: canChange,
  });
  const [side, setSide] = useState<SignerSide>('partner');
  const [person, setPerson] = useState<string | null>(null);
  const [role, setRole] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    setError(null);
    await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id] });
  };
  const add = useMutation({
    mutationFn: () =>
      addSigner(agreement.id, etag, {
        side,
        memberId: side === 'us' ? person : null,
        contactId: side === 'partner' ? person : null,
        role: role.trim(),
      }),
    onSuccess: async () => {
      setPerson(null);
      setRole('');
      await refresh();
    },
    onError: (failure) => setError(describeError(failure)),
  });
  const remove = useMutation({
    mutationFn: (signerId: string) => removeSigner(agreement.id, signerId, etag),
    onSuccess: refresh,
    onError: (failure) => setError(describeError(failure)),
  });
  const people =
    side === 'us'
      ? (members.data ?? []).map((m) => ({ value: m.id, label: m.name }))
      : (contacts.data?.items ?? []).map((c) => ({ value: c.id, label: contactName(c) }));
  const sideName = (value: string) => (value === 'us' ? 'Our side' : agreement.partnerName);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="signers-title">
      <Stack gap="sm">
        <Text fw={600} id="signers-title" component="h2" size="lg" m={0}>
          Parties and signers
        </Text>
        {error ? <ErrorAlert error={error} title="Not saved" /> : null}
        {agreement.signers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No signers yet. Add who signs for us and for {agreement.partnerName}.
          </Text>
        ) : (
          <DataTable
            label="Signers"
            rows={agreement.signers}
            rowKey={(signer) => signer.id}
            columns={[
              {
                key: 'signer',
                header: 'Signer',
                width: 'minmax(140px, 1.5fr)',
                primary: true,
                cell: (signer) => signer.name,
              },
              {
                key: 'party',
                header: 'Party',
                width: 'minmax(110px, 1fr)',
                cell: (signer) => sideName(signer.side),
              },
              { key: 'role', header: 'Role', width: 'minmax(110px, 1fr)', cell: (s) => s.role },
              ...(canChange
                ? [
                    {
                      key: 'remove',
                      header: 'Remove',
                      width: '48px',
                      actions: true,
                      cell: (signer: (typeof agreement.signers)[number]) => (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${signer.name}`}
                          loading={remove.isPending && remove.variables === signer.id}
                          onClick={() => remove.mutate(signer.id)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {canChange ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              add.mutate();
            }}
          >
            <Group align="end" gap="sm" wrap="wrap">
              <Select
                label="Party"
                data={[
                  { value: 'partner', label: agreement.partnerName },
                  { value: 'us', label: 'Our side' },
                ]}
                value={side}
                onChange={(value) => {
                  setSide((value as SignerSide) ?? 'partner');
                  setPerson(null);
                }}
                allowDeselect={false}
                w={200}
              />
              <Select
                label={side === 'us' ? 'Member' : 'Contact'}
                data={people}
                value={person}
                onChange={setPerson}
                searchable
                w={220}
              />
              <TextInput
                label="Role or title"
                value={role}
                onChange={(event) => setRole(event.currentTarget.value)}
                w={200}
              />
              <Button type="submit" loading={add.isPending} disabled={!person || !role.trim()}>
                Add signer
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}
