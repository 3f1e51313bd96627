import { z } from 'zod';
import type { Permission } from '../access/permissions';
import type { Scope } from '../access/scope';
import type { ServiceContext } from '../context';
import type { ZodApp } from '../features/index';
import { downloadName, sendDownload } from '../http/download';
import { scopeOf } from '../http/permissions';
import {
  csvStream,
  type ExportColumn,
  type ExportFormat,
  exportContentTypes,
  type RowBatches,
  xlsxStream,
} from './writers';

/** Rows per list query: a few thousand, so a large export is few queries and little memory. */
export const EXPORT_BATCH = 5000;

type Page<T> = { items: T[]; nextCursor: string | null };
type Paged = { limit: number; cursor?: string | undefined };

/** A list's own read of one page: the same service, filters and sort its API list uses. */
export type ReadPage<Q, T> = (
  ctx: ServiceContext,
  scope: Scope,
  query: Q & Paged,
) => Promise<Page<T>>;

/** Every page of a list, in order, one keyset query at a time. */
export async function* pagesOf<Q, T>(
  read: ReadPage<Q, T>,
  ctx: ServiceContext,
  scope: Scope,
  query: Q,
  batch = EXPORT_BATCH,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await read(ctx, scope, { ...query, limit: batch, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * The batches with the first one already read: a refused or failing first read is answered as
 * an error (problem+json) before the download's headers go out.
 */
export async function primed<T>(batches: AsyncGenerator<T[]>): Promise<RowBatches<T>> {
  const first = await batches.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* batches;
  })();
}

/** An export's query: its filters and sort, and the format. */
export function exportQueryOf<S extends z.ZodObject>(query: S) {
  return query
    .extend({
      format: z
        .enum(['csv', 'xlsx'])
        .default('csv')
        .describe('`csv` (UTF-8 with a byte order mark) or `xlsx` (one Excel sheet)'),
    })
    .strict();
}

const fileContent = {
  'text/csv': {
    schema: z.string().describe('A CSV file with a header row'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    schema: z.string().meta({ format: 'binary' }).describe('An Excel workbook of one sheet'),
  },
};

export type ListExport<Q, T> = {
  /** The list's path under /api/v1 and its name in the file name: `partners`. */
  list: string;
  sheet: string;
  access: Permission;
  tag: string;
  operationId: string;
  /** What the rows are, for the summary: `partners`. */
  what: string;
  listQuery: z.ZodObject;
  read: ReadPage<Q, T>;
  columns: readonly ExportColumn<T>[];
};

/** What an export route needs beyond its rows: where it is, who may call it, its columns. */
export type ExportSpec<Q, T> = {
  /** The path under /api/v1 before `/export`, and the file's name: `partners`. */
  list: string;
  /** The file's name when the path is not one (`agreements/renewals`). */
  fileName?: string;
  sheet: string;
  access: Permission;
  tag: string;
  operationId: string;
  summary: string;
  description: string;
  /** The query without `format`, which every export adds. */
  query: z.ZodObject;
  batches: (ctx: ServiceContext, scope: Scope, query: Q) => AsyncGenerator<T[]>;
  columns: readonly ExportColumn<T>[];
};

const formulaNote =
  'Text that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, carriage return, or their full-width forms) gets a leading apostrophe; dates are ISO 8601 text and numbers are numbers.';

/**
 * How long an export may stream. The server's handler timeout (60 s) is for handlers that never
 * answer; applied to a download already under way it cuts the file off mid-row, as a whole
 * workspace's measurements can take minutes.
 */
const exportTimeoutMs = 60 * 60 * 1000;

/** `GET /<list>/export?format=csv|xlsx`: the rows the batches read, streamed as a download. */
export function registerExport<Q, T>(app: ZodApp, spec: ExportSpec<Q, T>) {
  app.get(
    `/${spec.list}/export`,
    {
      handlerTimeout: exportTimeoutMs,
      config: { access: spec.access, replyHeaders: ['content-disposition'] },
      schema: {
        operationId: spec.operationId,
        summary: spec.summary,
        description: `${spec.description} The file is streamed, read from the database a few thousand rows at a time. ${formulaNote}`,
        tags: [spec.tag],
        querystring: exportQueryOf(spec.query),
        response: { 200: { description: 'The file', content: fileContent } },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query as { format: ExportFormat } & Q;
      const scope = scopeOf(request);
      const batches = await primed(spec.batches(request.ctx, scope, filters as unknown as Q));
      const body =
        format === 'xlsx'
          ? await xlsxStream(spec.columns, batches, spec.sheet)
          : csvStream(spec.columns, batches);
      return sendDownload(reply, {
        mediaType: exportContentTypes[format],
        name: downloadName(spec.fileName ?? spec.list, format),
        body,
      });
    },
  );
}

/**
 * A list's export: the whole list, with the list's own filters and sort, read through the list's
 * own service, so who may export what is who may list what.
 */
export function registerListExport<Q, T>(app: ZodApp, spec: ListExport<Q, T>) {
  registerExport<Q, T>(app, {
    list: spec.list,
    sheet: spec.sheet,
    access: spec.access,
    tag: spec.tag,
    operationId: spec.operationId,
    summary: `Download ${spec.what} as CSV or Excel`,
    description: `Every row of the ${spec.what} list that its filters keep, in its sort, as a file to download (\`Content-Disposition: attachment\`). The filters and sort are the list's own; there is no page size or cursor.`,
    query: spec.listQuery.omit({ limit: true, cursor: true }),
    batches: (ctx, scope, query) => pagesOf(spec.read, ctx, scope, query),
    columns: spec.columns,
  });
}
