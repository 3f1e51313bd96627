import type { ServiceContext, TxContext } from '../context';
import type { Database, Db, Tx } from './client';

/**
 * The one way a service runs database work that must commit together (decision 011).
 * Inside a caller's transaction it joins it, so a service may call another service and both
 * commit or roll back as one; otherwise it opens a transaction. `fn` gets the transaction and a
 * context carrying it: pass that context to any service called inside.
 */
export function withTransaction<T>(
  ctx: ServiceContext,
  fn: (tx: Tx, ctx: TxContext) => Promise<T>,
): Promise<T> {
  if (ctx.tx) return fn(ctx.tx, ctx as TxContext);
  return ctx.database.transaction((tx) => fn(tx, { ...ctx, tx }));
}

/** Where a service reads: the caller's open transaction, or the root client when there is none. */
export function dbOf(ctx: { database: Database; tx?: Tx }): Db {
  return ctx.tx ?? ctx.database.db;
}
