import type { UserId } from '../../../domain/ids';
import type { ServiceContext } from '../../context';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import {
  deleteUser,
  deleteUserSessions,
  findTakenEmails,
  findUserByEmail,
  insertUsersWithPasswords,
} from './auth.queries';

/*
 * People's accounts, for the features that add and remove people (setup, invitations, members,
 * partner users): the auth feature owns users, their credentials and their sessions. Each call
 * joins the caller's transaction.
 */

export function userByEmail(ctx: ServiceContext, email: string) {
  return findUserByEmail(dbOf(ctx), email);
}

type NewUser = { id: UserId; name: string; email: string; passwordHash: string };

/** A new user with an email and password credential; the password is hashed by the caller. */
export function createUser(ctx: ServiceContext, user: NewUser) {
  return createUsers(ctx, [user]);
}

/** Several new users at once (the demo team). */
export function createUsers(ctx: ServiceContext, list: NewUser[]) {
  return withTransaction(ctx, (tx) => insertUsersWithPasswords(tx, list));
}

/** Which of these addresses already have an account, in any workspace. */
export function takenEmails(ctx: ServiceContext, emails: string[]) {
  return findTakenEmails(dbOf(ctx), emails);
}

/** Signs the user out everywhere: their next request has no session. */
export function endSessions(ctx: ServiceContext, userId: string) {
  return withTransaction(ctx, (tx) => deleteUserSessions(tx, userId));
}

/** Removes the account with its credentials, sessions and membership (cascade). */
export function deleteAccount(ctx: ServiceContext, userId: string) {
  return withTransaction(ctx, (tx) => deleteUser(tx, userId));
}
