import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../src/server/tokens';
import { describeAgreements, describeComplianceRequirements } from './api-client/agreements';
import { describeClausesAndAgreementTemplates } from './api-client/clauses';
import { describeCommentsAndNotifications } from './api-client/comments-and-notifications';
import { describeCalendar, describeExports } from './api-client/exports';
import {
  describeInteractionsAndTimeline,
  describeIssues,
  describeTasks,
} from './api-client/interactions-tasks-issues';
import { describeContacts, describePartners } from './api-client/partners';
import {
  describeKpisAndMeasurements,
  describePlanCopies,
  describePlans,
  describePlanTemplates,
} from './api-client/plans';
import { describePortal } from './api-client/portal';
import { describeDashboard, describeReports, describeScheduledReports } from './api-client/reports';
import { anonymous, called, openApp, seedFixtures, t } from './api-client/shared';
import {
  describeApiKeys,
  describeAuth,
  describeTeams,
  describeWorkspaceAndMembers,
} from './api-client/workspace';
import { request } from './harness';

/*
 * A client generated from /api/openapi.json (openapi-typescript types, openapi-fetch) calls every
 * operation of the document against the real app, with valid inputs, as an integration would.
 * The last test fails when an operation of the document was not called: a new route gets a call
 * in its tag's group in test/api-client/. One app and one set of fixtures serve the whole file,
 * so the groups run in the order below and build on each other.
 */

const setupToken = newToken();

beforeAll(async () => {
  await openApp();
  t.ctx.setupToken = setupToken;
});
afterAll(() => t.close());

describe('a client generated from /api/openapi.json', () => {
  it('is what openapi-typescript makes of the served document', async () => {
    const served = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    const generated = astToString(
      await openapiTS(served.json(), { alphabetize: true, defaultNonNullable: false }),
    );
    const committed = readFileSync(join(import.meta.dirname, '../src/web/api/schema.d.ts'), 'utf8');
    // The committed types are these, under a generated-file header.
    expect(committed.endsWith(generated)).toBe(true);
  });
});

describe('operations and setup', () => {
  it('answers the probes', async () => {
    expect((await anonymous().GET('/api/health')).data).toEqual({ status: 'ok' });
    expect((await anonymous().GET('/api/ready')).data).toEqual({ status: 'ready' });
  });

  it('sets the instance up once, then says it is set up', async () => {
    const before = await anonymous().GET('/api/v1/setup');
    expect(before.data).toEqual({ needed: true });
    const setUp = await anonymous().POST('/api/v1/setup', {
      body: {
        token: setupToken,
        workspaceName: 'Set up by the client',
        adminName: 'First Admin',
        adminEmail: 'first@setup.test',
        adminPassword: 'the first password',
      },
    });
    expect(setUp.response.status).toBe(201);
    expect(setUp.data?.workspace.name).toBe('Set up by the client');
    expect((await anonymous().GET('/api/v1/setup')).data).toEqual({ needed: false });

    // The other groups work in two seeded workspaces beside it.
    await seedFixtures();
  });
});

describePartners();
describeContacts();
describeWorkspaceAndMembers();
describeAuth();
describeApiKeys();
describeTeams();
describeInteractionsAndTimeline();
describeTasks();
describeIssues();
describePlans();
describeAgreements();
describeComplianceRequirements();
describeDashboard();
describeKpisAndMeasurements();
describePlanCopies();
describePlanTemplates();
describeReports();
describeScheduledReports();
describeCommentsAndNotifications();
describePortal();
describeCalendar();
describeExports();
describeClausesAndAgreementTemplates();

describe('the client test', () => {
  it('has called every operation of the document (a new route adds a call in test/api-client/)', async () => {
    const served = await request(t.app, { method: 'GET', url: '/api/openapi.json' });
    const operations = Object.values(
      served.json().paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operations.length).toBeGreaterThan(80);
    expect(operations.filter((operationId) => !called.has(operationId)).sort()).toEqual([]);
  });
});
