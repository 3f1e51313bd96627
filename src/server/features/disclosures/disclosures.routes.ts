import { DisclosureListQuery, DisclosurePage } from '../../../domain/disclosures';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { listDisclosures } from './disclosures.service';

const tags = ['disclosures'];

export async function disclosureRoutes(app: ZodApp) {
  app.get(
    '/disclosures',
    {
      config: { access: 'disclosure.read' },
      schema: {
        operationId: 'listDisclosures',
        description:
          "What partner users were shown through the portal: one entry per record per answer (a page of a list logs each record on it), with the person as named then and the record's version. Newest first, in keyset pages; filter by partner, record or partner user. Admins only.",
        tags,
        summary: 'List the disclosure log (admins)',
        querystring: DisclosureListQuery,
        response: { 200: DisclosurePage },
      },
    },
    async (request) => listDisclosures(request.ctx, scopeOf(request), request.query),
  );
}
