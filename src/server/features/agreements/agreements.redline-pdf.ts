import type { Content } from 'pdfmake/interfaces';
import { type RedlinePart, redline, redlineCounts } from '../../../domain/redline';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { renderPdf, tandemDocument } from '../../documents/pdf';
import { colors } from '../../documents/pdf-style';
import { generatedAt } from '../reports/reports.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import { redlineVersions } from './agreements.versions';

/**
 * How each kind of change looks on paper: insertions underlined, deletions struck through, so
 * the redline still reads in grey print; the colours only help on screen.
 */
const looks = {
  same: {},
  insert: { decoration: 'underline', decorationColor: colors.forecast, color: colors.forecast },
  delete: { decoration: 'lineThrough', decorationColor: colors.bad, color: colors.bad },
} as const;

/** The redline's parts as one run of text, Markdown shown as written, line breaks kept. */
export function redlineContent(parts: RedlinePart[]): Content {
  return {
    text: parts.map((part) => ({ text: part.text, ...looks[part.op] })),
    preserveLeadingSpaces: true,
  };
}

function legend(): Content {
  return {
    text: [
      { text: 'Key: ', bold: true },
      { text: 'inserted text', ...looks.insert },
      ' is underlined; ',
      { text: 'deleted text', ...looks.delete },
      ' is struck through; the rest is unchanged.',
    ],
    style: 'small',
    margin: [0, 0, 0, 12],
  };
}

/** The redline from version `from` to version `to` as a PDF to send to the partner or print. */
export async function redlinePdf(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  from: number,
  to: number,
  now = new Date(),
): Promise<{ body: Buffer; title: string }> {
  const { agreement, older, newer } = await redlineVersions(dbOf(ctx), scope, id, from, to);
  const { workspace } = await getWorkspace(ctx, scope);
  const parts = redline(older.body, newer.body);
  const counts = redlineCounts(parts);
  const frozen = (v: typeof older) =>
    v.sha256 ? ` (sent for signature, SHA-256 ${v.sha256})` : '';
  const content: Content[] = [
    { text: agreement.title, style: 'title' },
    {
      text: `${agreement.partnerName} · redline from version ${from} to version ${to}`,
      style: 'subtitle',
    },
    {
      text: `${counts.inserted} words inserted, ${counts.deleted} deleted. Version ${from}${frozen(older)}; version ${to}${frozen(newer)}.`,
      style: 'small',
      margin: [0, 0, 0, 6],
    },
    legend(),
    redlineContent(parts),
  ];
  const meta = {
    title: `Redline v${from}–v${to}`,
    subject: `${agreement.title}: changes from version ${from} to version ${to}`,
    workspace: workspace.name,
    generated: generatedAt(now, workspace.timeZone),
  };
  return { body: await renderPdf(tandemDocument(meta, content)), title: agreement.title };
}
