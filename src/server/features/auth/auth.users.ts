import type { UserId } from '../../../domain/ids';
import type { ServiceContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import {
  deleteUser,
  deleteUserSessions,
  findUserByEmail,
  insertUserWithPassword,
} from './auth.queries';

/*
 * People's accounts, for the features that add and remove people (setup, invitations, members,
 * partner users): the auth feature owns users, their credentials and their sessions. Each call
 * joins the caller's transaction.
 */

export function userByEmail(ctx: ServiceContext, email: string) {
  return findUserByEmail(dbOf(ctx), email);
}

/** A new user with an email and password credential; the password is hashed by the caller. */
export function createUser(
  ctx: ServiceContext,
  user: { id: UserId; name: string; email: string; passwordHash: string },
) {
  return withTransaction(ctx, (tx) => insertUserWithPassword(tx, user));
}

/** Signs the user out everywhere: their next request has no session. */
export function endSessions(ctx: ServiceContext, userId: string) {
  return withTransaction(ctx, (tx) => deleteUserSessions(tx, userId));
}

/** Removes the account with its credentials, sessions and membership (cascade). */
export function deleteAccount(ctx: ServiceContext, userId: string) {
  return withTransaction(ctx, (tx) => deleteUser(tx, userId));
}
