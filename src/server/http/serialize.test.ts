import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PartnerPage } from '../../domain/partners';
import { MyWork } from '../../domain/tasks';
import { compiledSerializer, nullableAsTypeList } from './serialize';

/** The compiled serialiser of `schema`, its answer read back as text. */
const serializerOf = (schema: z.ZodType) => {
  const serialize = compiledSerializer({ schema } as Parameters<typeof compiledSerializer>[0]);
  return (data: unknown) => String(serialize(data));
};

/** A partner as the list answers it, with every nullable field set or null by `filled`. */
function partner(filled: boolean) {
  const time = '2026-03-02T10:00:00.000Z';
  return {
    id: '01a24364-d736-7279-922f-4fbfc8be3dc4',
    name: 'Northstack "Labs"\n',
    domains: ['northstack.example'],
    website: filled ? 'https://northstack.example' : null,
    type: 'technology',
    tier: filled ? 'gold' : null,
    stage: 'active',
    ownerId: filled ? '01a24364-d736-7279-922f-4fbfc8be3dc5' : null,
    industry: filled ? 'Software' : null,
    country: filled ? 'DE' : null,
    size: filled ? '51-200' : null,
    tags: ['cloud'],
    description: filled ? 'Sells — and buys' : null,
    contactCadenceDays: filled ? 30 : null,
    lastTouchAt: filled ? time : null,
    nextTouchDue: filled ? time : null,
    healthScore: filled ? 0 : null,
    version: 3,
    archivedAt: filled ? time : null,
    createdAt: time,
    updatedAt: time,
  };
}

describe('compiled response serialisers', () => {
  it('answer the UTF-8 bytes, so the length Fastify sends is the bytes written', () => {
    const serialize = compiledSerializer({
      schema: z.object({ name: z.string() }),
    } as Parameters<typeof compiledSerializer>[0]);
    const answer = serialize({ name: 'Zoë’s “Partners”' }) as unknown;
    expect(Buffer.isBuffer(answer)).toBe(true);
    expect((answer as Buffer).toString('utf8')).toBe('{"name":"Zoë’s “Partners”"}');
    expect((answer as Buffer).length).toBe(Buffer.byteLength('{"name":"Zoë’s “Partners”"}'));
  });

  it('write a partner page, nulls and values alike, exactly as JSON.stringify does', () => {
    const page = PartnerPage.parse({ items: [partner(true), partner(false)], nextCursor: null });
    expect(serializerOf(PartnerPage)(page)).toBe(JSON.stringify(page));
  });

  it('write tasks with and without their nullable references exactly as JSON.stringify does', () => {
    const time = '2026-03-02T10:00:00.000Z';
    const ref = { id: '01a24364-d736-7279-922f-4fbfc8be3dc6', name: 'Ops "North"' };
    const task = (filled: boolean) => ({
      id: '01a24364-d736-7279-922f-4fbfc8be3dc7',
      title: 'Send the deck',
      description: filled ? 'With **notes**' : null,
      assignee: filled ? ref : null,
      team: filled ? ref : null,
      dueDate: filled ? '2026-03-04' : null,
      priority: 'high',
      status: 'todo',
      allowedStatuses: ['in_progress', 'done', 'cancelled'],
      partner: filled ? ref : null,
      link: filled ? { subjectType: 'issue', subjectId: ref.id, label: null } : null,
      visibility: 'internal',
      overdue: false,
      completedAt: null,
      version: 1,
      createdAt: time,
      updatedAt: time,
    });
    const work = MyWork.parse({
      overdue: { total: 1, items: [task(true)], nextCursor: null },
      thisWeek: { total: 2, items: [task(false)], nextCursor: 'next' },
      later: { total: 0, items: [], nextCursor: null },
    });
    expect(serializerOf(MyWork)(work)).toBe(JSON.stringify(work));
  });

  it('read a nullable scalar, object or list as a type list, leaving other unions alone', () => {
    const schema = z.toJSONSchema(
      z.object({
        at: z.iso.datetime().nullable(),
        either: z.union([z.string(), z.number()]),
        list: z.array(z.string()).nullable(),
        ref: z.object({ id: z.uuid() }).nullable(),
      }),
    ) as { properties: Record<string, unknown> };
    const { properties } = nullableAsTypeList(schema) as typeof schema;
    expect(properties.at).toMatchObject({ type: ['string', 'null'], format: 'date-time' });
    expect(properties.either).toEqual(schema.properties.either);
    expect(properties.list).toMatchObject({ type: ['array', 'null'], items: { type: 'string' } });
    expect(properties.ref).toMatchObject({ type: ['object', 'null'], required: ['id'] });
  });

  it('write a nullable named schema out in place, and end where a schema names itself', () => {
    const Named = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'SerializeNamed' });
    const Node = z
      .object({
        name: z.string(),
        get parent() {
          return Node.nullable();
        },
      })
      .meta({ id: 'SerializeNode' });
    const schema = z.object({ named: Named.nullable(), node: Node });
    const json = z.toJSONSchema(schema, { target: 'draft-07', reused: 'inline' }) as {
      properties: Record<string, unknown>;
    };
    expect(json.properties.named).toEqual({
      anyOf: [{ $ref: '#/definitions/SerializeNamed' }, { type: 'null' }],
    });
    const { properties } = nullableAsTypeList(json) as typeof json;
    expect(properties.named).toMatchObject({ type: ['object', 'null'], required: ['id', 'name'] });
    const value = {
      named: { id: '01a24364-d736-7279-922f-4fbfc8be3dc6', name: 'A "quoted" name' },
      node: { name: 'leaf', parent: { name: 'mid', parent: { name: 'root', parent: null } } },
    };
    expect(serializerOf(schema)(value)).toBe(JSON.stringify(value));
    expect(serializerOf(schema)({ ...value, named: null })).toBe(
      JSON.stringify({ ...value, named: null }),
    );
  });
});
