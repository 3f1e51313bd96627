import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { request, type TestApp } from '../../../../test/harness';
import type { WorkspaceId } from '../../../domain/ids';
import {
  type comments,
  contacts,
  type interactions,
  type issues,
  partners,
  type tasks,
  timelineEntries,
  workspaces,
} from '../../db/schema';
import { newId } from '../../ids';

/** The demo's fixed now: the same data every load. */
export const now = new Date('2026-06-01T12:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

type WorkTable = typeof interactions | typeof issues | typeof tasks | typeof comments;

/**
 * What the demo tests read of a load, on a file's app that its `beforeAll` makes later: each
 * call reads the app when it runs.
 */
export function demoReader(app: () => TestApp) {
  const db = () => app().database.db;

  async function emptyWorkspace(name: string): Promise<WorkspaceId> {
    const id = newId<WorkspaceId>();
    await db().insert(workspaces).values({ id, name });
    return id;
  }

  const partnersOf = (workspaceId: WorkspaceId) =>
    db()
      .select()
      .from(partners)
      .where(eq(partners.workspaceId, workspaceId))
      .orderBy(asc(partners.id));

  const contactsOf = (workspaceId: WorkspaceId) =>
    db()
      .select()
      .from(contacts)
      .where(eq(contacts.workspaceId, workspaceId))
      .orderBy(asc(contacts.id));

  const rowsOf = <T extends WorkTable>(table: T, workspaceId: string) =>
    db()
      .select()
      .from(table as typeof interactions)
      .where(eq(table.workspaceId, workspaceId))
      .orderBy(asc(table.id)) as unknown as Promise<Array<T['$inferSelect']>>;

  const entriesOf = (workspaceId: string, kind: string) =>
    db()
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.kind, kind)))
      .orderBy(asc(timelineEntries.occurredAt), asc(timelineEntries.id));

  /** Every page of a list, read through the API as the key's holder. */
  async function readAll(url: string, key: string): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let cursor: string | null = null; ; ) {
      const res = await request(app().app, {
        method: 'GET',
        url: `${url}?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        key,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json();
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
    }
  }

  return { db, emptyWorkspace, partnersOf, contactsOf, rowsOf, entriesOf, readAll };
}
