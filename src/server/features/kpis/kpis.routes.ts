import { z } from 'zod';
import {
  Kpi,
  KpiCreate,
  KpiList,
  KpiUpdate,
  MeasurementBatch,
  MeasurementImport,
  MeasurementImportQuery,
  MeasurementList,
} from '../../../domain/kpis';
import { messages } from '../../../domain/messages';
import { idParams } from '../../../domain/pagination';
import { AppError } from '../../http/errors';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { csvRows, importMeasurements, xlsxRows } from './kpis.import';
import { listMeasurements, listPlanMeasurements, recordMeasurements } from './kpis.measurements';
import { createKpi, deleteKpi, getKpi, listKpis, updateKpi } from './kpis.service';

const tags = ['kpis'];
/** A thousand measurements with notes of a few lines each fit; a larger batch is not one. */
const batchLimit = 1024 * 1024;

const storedUnits =
  'Values are in stored units, whole numbers: cents (the currency’s minor unit) for `currency`, basis points for `percent` (12.5 % is 1250), seconds for `duration`.';

const progressNote =
  'Each KPI carries its progress (attainment, pace, run-rate and trend forecasts, status) as computed for the workspace’s day in `progress.asOf`: refreshed by every write and daily.';

export async function kpiRoutes(app: ZodApp) {
  await app.register(importRoutes);

  app.get(
    '/plans/:id/kpis',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'listPlanKpis',
        description: `The plan’s KPIs in order. ${progressNote} ${storedUnits}`,
        tags,
        summary: 'List a plan’s KPIs with their progress',
        params: idParams,
        response: { 200: KpiList },
      },
    },
    async (request) => listKpis(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/plans/:id/kpis',
    {
      config: { access: 'plan.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createKpi',
        description: `Adds a KPI at the end of a draft or proposed plan’s KPIs (50 at most). KPIs are part of the plan’s agreed content: on an agreed or active plan it is 409 \`plan_locked\` (open a new version with POST …/revisions), on a closed one 409 \`plan_closed\`. The \`currency\` unit needs a \`currency\`, other units take none; the target and baseline must be values of the unit aimed the KPI’s way (422 naming \`target\` or \`baseline\`); a quarterly KPI needs a plan longer than a month. The plan’s ETag changes too. ${storedUnits}`,
        tags,
        summary: 'Add a KPI to a draft plan',
        params: idParams,
        body: KpiCreate,
        response: { 201: Kpi },
      },
    },
    async (request, reply) => {
      const kpi = await createKpi(request.ctx, scopeOf(request), request.params.id, request.body);
      reply.header('etag', etagOf(kpi.version));
      reply.header('location', `/api/v1/kpis/${kpi.id}`);
      return reply.status(201).send(kpi);
    },
  );

  app.get(
    '/kpis/:id',
    {
      config: { access: 'plan.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getKpi',
        description: `One KPI with its progress and its ETag for a later change. ${storedUnits}`,
        tags,
        summary: 'Get a KPI',
        params: idParams,
        response: { 200: Kpi },
      },
    },
    async (request, reply) => {
      const kpi = await getKpi(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(kpi.version));
      return kpi;
    },
  );

  app.patch(
    '/kpis/:id',
    {
      config: { access: 'plan.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateKpi',
        description: `Changes a KPI of a draft or proposed plan; fields left out keep their values. An agreed or active plan is locked (409 \`plan_locked\`), a closed one read-only (409 \`plan_closed\`). Once the KPI has values its unit, currency and cadence are fixed (409 \`kpi_has_measurements\`). Send the ETag in If-Match: 428 without it, 412 when the KPI changed since. ${storedUnits}`,
        tags,
        summary: 'Change a KPI of a draft plan (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: KpiUpdate,
        response: { 200: Kpi },
      },
    },
    async (request, reply) => {
      const kpi = await updateKpi(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(kpi.version));
      return kpi;
    },
  );

  app.delete(
    '/kpis/:id',
    {
      config: { access: 'plan.write' },
      schema: {
        operationId: 'deleteKpi',
        description:
          'Deletes a KPI of a draft or proposed plan, with its values (kept in the audit event). An agreed or active plan is locked (409 `plan_locked`), a closed one read-only (409 `plan_closed`). Send the ETag in If-Match (428 without, 412 when stale).',
        tags,
        summary: 'Delete a KPI of a draft plan (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteKpi(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/kpis/:id/measurements',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'listKpiMeasurements',
        description: `The KPI’s values, oldest period first, each with its source, note, who recorded it and when. ${storedUnits}`,
        tags,
        summary: 'List a KPI’s measurements',
        params: idParams,
        response: { 200: MeasurementList },
      },
    },
    async (request) => listMeasurements(request.ctx, scopeOf(request), request.params.id),
  );

  app.get(
    '/plans/:id/measurements',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'listPlanMeasurements',
        description: `Every value of the plan’s KPIs in one answer: in the KPIs’ order, each KPI’s oldest period first, each with its KPI, source, note, who recorded it and when. What a scorecard or the values grid reads, instead of one request per KPI. ${storedUnits}`,
        tags,
        summary: 'List the measurements of all of a plan’s KPIs',
        params: idParams,
        response: { 200: MeasurementList },
      },
    },
    async (request) => listPlanMeasurements(request.ctx, scopeOf(request), request.params.id),
  );

  app.put(
    '/plans/:id/measurements',
    {
      bodyLimit: batchLimit,
      config: { access: 'plan.write' },
      schema: {
        operationId: 'recordMeasurements',
        description: `Records up to 1000 values on the plan’s KPIs at once, all or nothing: one per KPI and period, a period recorded again replaces its value, \`value: null\` removes it. Open on draft, proposed, agreed and active plans; a closed plan is 409 \`plan_closed\`. Every fault is 422 \`invalid_measurements\` naming its field (\`measurements.3.period\`): a KPI not of this plan, a period not of the KPI’s cadence (a month \`FY2027-M03\` for monthly, a quarter \`FY2027-Q1\` for quarterly) or outside the plan’s period, the same KPI and period twice, a \`currency\` that is not the KPI’s, a value not of the unit (negative counts and durations, fractions); nothing is written. Answers the plan’s KPIs with their new progress. ${storedUnits}`,
        tags,
        summary: 'Record measurements on a plan’s KPIs (batch, all or nothing)',
        params: idParams,
        body: MeasurementBatch,
        response: { 200: KpiList },
      },
    },
    async (request) =>
      recordMeasurements(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.body.measurements,
      ),
  );
}

/** An import is a file of a few thousand rows; 2 MB holds far more. */
const importLimit = 2 * 1024 * 1024;
const csvType = 'text/csv';
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The import takes a file, not JSON: its own scope adds CSV and XLSX parsers. A JSON body still
 * parses, so the permission check answers first; the handler then refuses it (415).
 */
async function importRoutes(app: ZodApp) {
  app.addContentTypeParser(
    csvType,
    { parseAs: 'string', bodyLimit: importLimit },
    (_r, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    xlsxType,
    { parseAs: 'buffer', bodyLimit: importLimit },
    (_r, body, done) => done(null, body),
  );
  app.post(
    '/plans/:id/measurements/import',
    {
      bodyLimit: importLimit,
      config: {
        access: 'plan.write',
        requestBody: {
          required: true,
          description:
            'A sheet whose first row names the columns `kpi` (the KPI’s name or id), `period` (`FY2027-M03`, `FY2027-Q1`), `value` and optionally `note`; 5000 rows at most. Values are in everyday units, not stored units: `12.5` for 12.5 %, `19.99` for €19.99, seconds for a duration; a percent-formatted XLSX cell counts as the percent it shows.',
          content: {
            [csvType]: { schema: { type: 'string' } },
            [xlsxType]: { schema: { type: 'string', format: 'binary' } },
          },
        },
      },
      schema: {
        operationId: 'importMeasurements',
        description:
          'Imports measurements from a CSV or XLSX file (the first worksheet) into the plan’s KPIs. Every row is checked as the batch write checks it; every fault is 422 `invalid_import` with one error per row and column (`rows.7.value`: row numbers as the spreadsheet shows them, the header being row 1), and nothing is written. With `?dryRun=true` it answers the preview (each row, its value in stored units, the value it replaces) and writes nothing; otherwise it writes all rows, with source `import`, and answers the same with the KPIs’ new progress. A file without the `kpi`, `period` or `value` column is 422 `missing_columns`; an unreadable one 422 `invalid_file`. A closed plan is 409 `plan_closed`.',
        tags,
        summary: 'Import measurements from CSV or XLSX (preview with dryRun, all or nothing)',
        params: idParams,
        querystring: MeasurementImportQuery,
        response: { 200: MeasurementImport },
      },
    },
    async (request) => {
      const body = request.body as unknown;
      if (typeof body !== 'string' && !Buffer.isBuffer(body))
        throw new AppError(
          415,
          'unsupported_media_type',
          'Unsupported media type',
          `Send the file as ${csvType} or ${xlsxType}`,
          [{ field: 'body', code: 'unsupported_media_type', message: messages.invalid }],
        );
      const rows = typeof body === 'string' ? await csvRows(body) : await xlsxRows(body);
      return importMeasurements(
        request.ctx,
        scopeOf(request),
        request.params.id,
        rows,
        request.query.dryRun === 'true',
      );
    },
  );
}
