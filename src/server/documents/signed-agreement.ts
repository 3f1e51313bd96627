import { createHash } from 'node:crypto';
import type { Content, TableCell } from 'pdfmake/interfaces';
import { markdownToPdf } from './markdown-pdf';
import { renderPdf, tandemDocument } from './pdf';
import { colors, ruledTable } from './pdf-style';
import { type VersionContent, versionHash } from './version-hash';

/** One person who signed, as the certificate page lists them. */
export interface SignedAgreementSigner {
  name: string;
  /** `us`: the workspace's side; `partner`: the partner's. */
  side: 'us' | 'partner';
  /** Their role or title as the agreement names it. */
  role: string;
  signedAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** One line of the audit trail: when, who, what, already in words. */
export interface SignedAgreementEvent {
  at: Date;
  who: string;
  what: string;
}

/**
 * Everything the signed PDF shows, as plain values: the signing flow reads them and this module
 * only draws them, so it never reads the database.
 */
export interface SignedAgreementInput {
  workspace: string;
  partner: string;
  title: string;
  /** The agreement type in words (`Reseller agreement`). */
  type: string;
  effectiveOn: string | null;
  endOn: string | null;
  governingLaw: string | null;
  /** The frozen version that was signed, with the files its hash covers (none: the text's hash). */
  version: {
    number: number;
    body: string;
    files: VersionContent['files'];
    sha256: string;
    frozenAt: Date;
  };
  /** Our side first, then the partner's. */
  signers: SignedAgreementSigner[];
  trail: SignedAgreementEvent[];
  /** When the PDF is made: its footer and certificate page say so. */
  generatedAt: Date;
}

/** `2026-12-06 04:25:43 UTC`: signatures are read across time zones, so one zone for all. */
export function utc(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The SHA-256 of a version's text as the versions store it: its UTF-8 bytes, hex. */
export function bodySha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

const headerCell = (text: string): TableCell => ({ text, style: 'tableHeader' });
const dash = (value: string | null) => value || '—';

function partiesAndTerms(input: SignedAgreementInput): Content {
  const rows: Array<[string, string]> = [
    ['Between', input.workspace],
    ['And', input.partner],
    ['Type', input.type],
    ['Effective', dash(input.effectiveOn)],
    ['Ends', dash(input.endOn)],
  ];
  if (input.governingLaw) rows.push(['Governing law', input.governingLaw]);
  return {
    layout: ruledTable,
    margin: [0, 0, 0, 12],
    table: {
      widths: [90, '*'],
      body: rows.map(([label, value]) => [headerCell(label), { text: value }]),
    },
  };
}

function signerTable(signers: SignedAgreementSigner[], workspace: string, partner: string) {
  return {
    layout: ruledTable,
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['*', 70, 'auto', 'auto', '*'],
      body: [
        ['Signer', 'Side', 'Signed at', 'IP address', 'User agent'].map(headerCell),
        ...signers.map((signer): TableCell[] => [
          { text: [{ text: signer.name, bold: true }, `\n${signer.role}`] },
          { text: signer.side === 'us' ? workspace : partner },
          { text: utc(signer.signedAt), noWrap: true },
          { text: dash(signer.ipAddress) },
          { text: dash(signer.userAgent), fontSize: 7, color: colors.dimmed },
        ]),
      ],
    },
  } satisfies Content;
}

function trailTable(trail: SignedAgreementEvent[]): Content {
  return {
    layout: ruledTable,
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ['auto', 120, '*'],
      body: [
        ['When', 'Who', 'What'].map(headerCell),
        ...trail.map((event): TableCell[] => [
          { text: utc(event.at), noWrap: true },
          event.who,
          event.what,
        ]),
      ],
    },
  };
}

/** The files signed with the text, each with the hash the version's fingerprint lists. */
function attachedFiles(files: VersionContent['files']): Content {
  return {
    layout: ruledTable,
    margin: [0, 4, 0, 8],
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto'],
      body: [
        ['Attached file', 'Bytes', 'SHA-256'].map(headerCell),
        ...files.map((file): TableCell[] => [
          file.fileName,
          { text: String(file.size), noWrap: true },
          { text: file.sha256, fontSize: 7 },
        ]),
      ],
    },
  };
}

/** The certificate page: who signed when and from where, the text's hash, and the trail. */
function certificatePage(input: SignedAgreementInput): Content[] {
  const { version } = input;
  return [
    { text: 'Signature certificate', style: 'title', pageBreak: 'before' },
    {
      text: `${input.title} — version ${version.number}, frozen ${utc(version.frozenAt)}`,
      style: 'subtitle',
    },
    { text: 'Signers', style: 'heading' },
    input.signers.length > 0
      ? signerTable(input.signers, input.workspace, input.partner)
      : { text: 'No one has signed.', style: 'small' },
    { text: 'Document fingerprint', style: 'heading' },
    {
      text:
        version.files.length === 0
          ? 'SHA-256 of the agreement text (UTF-8) as frozen for signature:'
          : 'SHA-256 of the version as frozen for signature: of a manifest listing the SHA-256 ' +
            'of the agreement text (UTF-8) and of each attached file below (Tandem decision 057):',
      style: 'small',
      margin: [0, 0, 0, 4],
    },
    { text: version.sha256, font: 'Roboto', fontSize: 9, bold: true, margin: [0, 0, 0, 4] },
    ...(version.files.length > 0 ? [attachedFiles(version.files)] : []),
    {
      text:
        'This PDF carries a digital signature of the workspace. A PDF reader that checks it ' +
        'shows whether the file has been changed since it was signed.',
      style: 'small',
    },
    { text: 'Audit trail', style: 'heading' },
    input.trail.length > 0 ? trailTable(input.trail) : { text: 'No events.', style: 'small' },
  ];
}

/**
 * The signed agreement as a PDF, unsigned yet: the agreement's text, then its certificate page.
 * Refuses a version whose hash is not that of its text and files, so the page prints only the truth.
 */
export function renderSignedAgreement(input: SignedAgreementInput): Promise<Buffer> {
  if (versionHash(input.version) !== input.version.sha256.toLowerCase())
    throw new Error('the version’s SHA-256 is not that of its text and files');
  const doc = tandemDocument(
    {
      title: input.title,
      subject: `${input.type} between ${input.workspace} and ${input.partner}`,
      workspace: input.workspace,
      generated: utc(input.generatedAt),
    },
    [
      { text: input.title, style: 'title' },
      { text: `Version ${input.version.number}`, style: 'subtitle' },
      partiesAndTerms(input),
      ...markdownToPdf(input.version.body),
      ...certificatePage(input),
    ],
  );
  return renderPdf(doc);
}
