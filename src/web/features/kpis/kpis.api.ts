import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Kpi = components['schemas']['Kpi'];
export type KpiCreateBody = components['schemas']['KpiCreate'];
export type KpiUpdateBody = components['schemas']['KpiUpdate'];
export type MeasurementWrite = components['schemas']['MeasurementWrite'];
export type Measurement = components['schemas']['Measurement'];
export type MeasurementImport = components['schemas']['MeasurementImport'];

/** Same key as the plan page's own KPI query, so a change here refreshes it there too. */
export const kpisKey = (planId: string) => ['plan', planId, 'kpis'] as const;

export const kpisQuery = (planId: string) =>
  queryOptions({
    queryKey: kpisKey(planId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/plans/{id}/kpis', { params: { path: { id: planId } }, signal }),
      ),
  });

/** Every value of the plan's KPIs in one request, in the KPIs' order, oldest period first. */
export const measurementsQuery = (planId: string) =>
  queryOptions({
    queryKey: [...kpisKey(planId), 'measurements'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/plans/{id}/measurements', {
          params: { path: { id: planId } },
          signal,
        }),
      ).items,
  });

export async function createKpi(planId: string, body: KpiCreateBody): Promise<Kpi> {
  return unwrap(
    await api.POST('/api/v1/plans/{id}/kpis', { params: { path: { id: planId } }, body }),
  );
}

export async function updateKpi(kpi: Kpi, body: KpiUpdateBody): Promise<Kpi> {
  return unwrap(
    await api.PATCH('/api/v1/kpis/{id}', {
      params: { path: { id: kpi.id }, header: { 'if-match': `"${kpi.version}"` } },
      body,
    }),
  );
}

export async function deleteKpi(kpi: Kpi): Promise<void> {
  unwrap(
    await api.DELETE('/api/v1/kpis/{id}', {
      params: { path: { id: kpi.id }, header: { 'if-match': `"${kpi.version}"` } },
    }),
  );
}

export async function recordMeasurements(planId: string, measurements: MeasurementWrite[]) {
  return unwrap(
    await api.PUT('/api/v1/plans/{id}/measurements', {
      params: { path: { id: planId } },
      body: { measurements },
    }),
  );
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the sheet as it is, typed by its name; `dryRun` answers the preview and writes nothing. */
export async function importMeasurements(
  planId: string,
  file: File,
  dryRun: boolean,
): Promise<MeasurementImport> {
  const type = /\.xlsx$/i.test(file.name) ? xlsxType : 'text/csv';
  return unwrap(
    await api.POST('/api/v1/plans/{id}/measurements/import', {
      params: { path: { id: planId }, query: { dryRun: dryRun ? 'true' : 'false' } },
      headers: { 'content-type': type },
      // The file goes as the raw body: the route reads CSV text or XLSX bytes.
      body: file as never,
      bodySerializer: (body: unknown) => body as File,
    }),
  );
}

export const scorecardHref = (planId: string) => `/api/v1/plans/${planId}/scorecard`;
