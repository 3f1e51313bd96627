import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { Attachments } from '../../components/attachments/Attachments';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { Markdown } from '../interactions/Markdown';
import { DownloadLink } from '../kpis/DownloadLink';
import {
  type Agreement,
  type AgreementVersionSummary,
  agreementVersionQuery,
  agreementVersionsQuery,
  createVersion,
  type Redline,
  redlinePdfHref,
  redlineQuery,
  updateVersion,
} from './agreements.api';
import classes from './redline.module.css';
import { VersionComments } from './VersionComments';

type Props = { agreement: Agreement; etag: string; canChange: boolean };

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The redline as text: insertions in <ins>, deletions in <del>, each named for screen readers. */
export function RedlineText({ redline }: { redline: Redline }) {
  return (
    <Text
      component="div"
      size="sm"
      style={{ whiteSpace: 'pre-wrap', fontFamily: 'var(--mantine-font-family-monospace)' }}
    >
      {redline.parts.map((part, index) =>
        part.op === 'insert' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed for one redline
          <ins key={index} className={classes.inserted}>
            <VisuallyHidden>inserted: </VisuallyHidden>
            {part.text}
          </ins>
        ) : part.op === 'delete' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed for one redline
          <del key={index} className={classes.deleted}>
            <VisuallyHidden>deleted: </VisuallyHidden>
            {part.text}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are fixed for one redline
          <span key={index}>{part.text}</span>
        ),
      )}
    </Text>
  );
}

function Compare({
  agreementId,
  versions,
}: {
  agreementId: string;
  versions: AgreementVersionSummary[];
}) {
  const options = versions.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }));
  const last = versions[versions.length - 1]?.number ?? 1;
  const [from, setFrom] = useState(String(Math.max(1, last - 1)));
  const [to, setTo] = useState(String(last));
  const redline = useQuery(redlineQuery(agreementId, Number(from), Number(to)));
  return (
    <Stack gap="xs" component="section" aria-labelledby="compare-title">
      <Text fw={600} id="compare-title" component="h3" m={0}>
        Compare versions
      </Text>
      <Group align="end">
        <Select
          label="From"
          data={options}
          value={from}
          onChange={(v) => v && setFrom(v)}
          allowDeselect={false}
          w={160}
        />
        <Select
          label="To"
          data={options}
          value={to}
          onChange={(v) => v && setTo(v)}
          allowDeselect={false}
          w={160}
        />
        <DownloadLink href={redlinePdfHref(agreementId, Number(from), Number(to))}>
          Redline PDF
        </DownloadLink>
      </Group>
      {redline.isPending ? (
        <Loader size="sm" aria-label="Loading the redline" />
      ) : redline.error ? (
        <ErrorAlert error={describeError(redline.error)} title="No redline" />
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {redline.data.inserted} words inserted, {redline.data.deleted} deleted. Inserted text is
            underlined, deleted text struck through.
          </Text>
          <RedlineText redline={redline.data} />
        </>
      )}
    </Stack>
  );
}

/** The agreement's text: its versions, the latest to read or edit, and any two compared. */
export function AgreementVersions({ agreement, etag, canChange }: Props) {
  const queryClient = useQueryClient();
  const versions = useQuery(agreementVersionsQuery(agreement.id));
  const latestNumber = versions.data?.[versions.data.length - 1]?.number;
  const latest = useQuery({
    ...agreementVersionQuery(agreement.id, latestNumber ?? 0),
    enabled: latestNumber !== undefined,
  });
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    setError(null);
    setDraft(null);
    await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id] });
  };
  const save = useMutation({
    mutationFn: (body: string) =>
      latestNumber && !latest.data?.frozenAt
        ? updateVersion(agreement.id, latestNumber, etag, body)
        : createVersion(agreement.id, etag, body),
    onSuccess: refresh,
    onError: (failure) => setError(describeError(failure)),
  });
  const next = useMutation({
    mutationFn: () => createVersion(agreement.id, etag),
    onSuccess: refresh,
    onError: (failure) => setError(describeError(failure)),
  });
  const items = versions.data ?? [];
  const frozen = Boolean(latest.data?.frozenAt);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="versions-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} id="versions-title" component="h2" size="lg" m={0}>
            Versions
          </Text>
          {canChange && items.length > 0 ? (
            <Button
              variant="default"
              size="xs"
              loading={next.isPending}
              onClick={() => next.mutate()}
            >
              New version
            </Button>
          ) : null}
        </Group>
        {error ? <ErrorAlert error={error} title="Not saved" /> : null}
        {versions.isPending ? <Loader size="sm" aria-label="Loading versions" /> : null}
        {items.length === 0 && !versions.isPending ? (
          <Text size="sm" c="dimmed">
            No text yet. {canChange ? 'Write the first version below.' : ''}
          </Text>
        ) : null}
        {items.length > 0 ? (
          <DataTable
            label="Versions"
            rows={items}
            rowKey={(v) => String(v.number)}
            columns={[
              {
                key: 'version',
                header: 'Version',
                width: 'minmax(70px, 0.6fr)',
                primary: true,
                cell: (v) => `Version ${v.number}`,
              },
              {
                key: 'by',
                header: 'Made by',
                width: 'minmax(110px, 1fr)',
                cell: (v) => v.createdByName ?? '—',
              },
              {
                key: 'changed',
                header: 'Last changed',
                width: 'minmax(120px, 1fr)',
                cell: (v) => when(v.updatedAt),
              },
              {
                key: 'signature',
                header: 'Signature',
                width: 'minmax(150px, 1.2fr)',
                cell: (v) =>
                  v.frozenAt ? (
                    <Group gap={6}>
                      <Badge color="gray" variant="light">
                        Frozen
                      </Badge>
                      <Text size="xs" c="dimmed" title={`SHA-256 ${v.sha256}`}>
                        SHA-256 {v.sha256?.slice(0, 12)}…
                      </Text>
                    </Group>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        ) : null}
        {canChange && !frozen && (latest.data || items.length === 0) ? (
          <Stack gap="xs">
            <Textarea
              label={
                latestNumber ? `Text of version ${latestNumber} (Markdown)` : 'Text (Markdown)'
              }
              autosize
              minRows={6}
              maxRows={24}
              maxLength={200_000}
              value={draft ?? latest.data?.body ?? ''}
              onChange={(event) => setDraft(event.currentTarget.value)}
            />
            <Group>
              <Button
                size="sm"
                disabled={draft === null}
                loading={save.isPending}
                onClick={() => draft !== null && save.mutate(draft)}
              >
                {latestNumber ? 'Save text' : 'Save first version'}
              </Button>
            </Group>
          </Stack>
        ) : latest.data ? (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              Version {latest.data.number}
              {frozen ? ', sent for signature: its text is fixed' : ''}
            </Text>
            <Markdown>{latest.data.body}</Markdown>
          </Stack>
        ) : null}
        {latestNumber ? (
          <Attachments
            subject={{ type: 'agreement_version', agreementId: agreement.id, number: latestNumber }}
            title={`Files of version ${latestNumber}`}
            canChange={canChange && !frozen}
            lockedNote={
              frozen
                ? 'Sent for signature with the text: these files are fixed, and the SHA-256 covers them.'
                : undefined
            }
          />
        ) : null}
        {items.length > 0 ? <VersionComments versions={items} /> : null}
        {items.length > 1 ? <Compare agreementId={agreement.id} versions={items} /> : null}
      </Stack>
    </Card>
  );
}
