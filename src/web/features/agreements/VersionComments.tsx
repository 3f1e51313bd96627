import { Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { CommentThread } from '../comments/CommentThread';
import type { AgreementVersionSummary } from './agreements.api';

/**
 * The internal discussion of one version, the latest unless another is picked. A frozen
 * version keeps taking comments: only its text is fixed (decision 060).
 */
export function VersionComments({ versions }: { versions: AgreementVersionSummary[] }) {
  const [picked, setPicked] = useState<string | null>(null);
  const current = versions.find((v) => v.id === picked) ?? versions[versions.length - 1];
  if (!current) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="version-comments-title">
      <Group justify="space-between" align="end">
        <Stack gap={2}>
          <Text fw={600} id="version-comments-title" component="h3" m={0}>
            Comments on version {current.number}
          </Text>
          <Text size="xs" c="dimmed">
            Internal notes: the partner never sees them.
            {current.frozenAt ? ' The text is fixed; the discussion stays open.' : ''}
          </Text>
        </Stack>
        {versions.length > 1 ? (
          <Select
            label="Discuss version"
            data={versions.map((v) => ({ value: v.id, label: `Version ${v.number}` }))}
            value={current.id}
            onChange={(value) => value && setPicked(value)}
            allowDeselect={false}
            w={180}
          />
        ) : null}
      </Group>
      <CommentThread key={current.id} subjectType="agreement_version" subjectId={current.id} />
    </Stack>
  );
}
