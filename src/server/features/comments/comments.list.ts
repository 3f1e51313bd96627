import type { CommentListQuery, CommentPage } from '../../../domain/comments';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { comments } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { type ListSpec, pageFrom, planList, sortsOf, time } from '../../http/list';
import { resolveLink } from '../../links/registry';
import { listCommentRows } from './comments.queries';
import { presentComments } from './comments.view';

/** A conversation reads oldest first, on the (workspace, subject, created_at, id) index. */
const commentList: ListSpec<'createdAt' | '-createdAt', CommentListQuery> = {
  sorts: sortsOf(comments.id, { createdAt: [time(comments.createdAt)] }),
  filters: {},
};

/** A record's comments; a record out of the caller's sight has none to show (404). */
export async function listComments(
  ctx: ServiceContext,
  scope: Scope,
  query: CommentListQuery,
): Promise<CommentPage> {
  const db = dbOf(ctx);
  const found = await resolveLink(db, scope, query).catch(() => null);
  if (!found) throw errors.notFound(query.subjectType);
  const plan = planList(ctx.config.secret, commentList, 'createdAt', query);
  const page = pageFrom(
    ctx.config.secret,
    plan,
    await listCommentRows(db, scope, query, plan),
    (row) => row,
  );
  return { items: await presentComments(db, scope, page.items), nextCursor: page.nextCursor };
}
