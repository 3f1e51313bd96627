import { z } from 'zod';
import { messages } from './messages';

/** Branded ids: a PartnerId cannot be passed where a ContactId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type WorkspaceId = Brand<string, 'WorkspaceId'>;
export type UserId = Brand<string, 'UserId'>;
export type MemberId = Brand<string, 'MemberId'>;
export type PartnerUserId = Brand<string, 'PartnerUserId'>;
export type PartnerId = Brand<string, 'PartnerId'>;
export type ContactId = Brand<string, 'ContactId'>;
export type InvitationId = Brand<string, 'InvitationId'>;
export type ApiKeyId = Brand<string, 'ApiKeyId'>;
export type AuditEventId = Brand<string, 'AuditEventId'>;
export type TeamId = Brand<string, 'TeamId'>;
export type TaskId = Brand<string, 'TaskId'>;
export type PartnerTeamEntryId = Brand<string, 'PartnerTeamEntryId'>;

/** A UUID in its canonical text form; ids are UUIDv7 made by the application. */
export const uuid = z.uuid({ message: messages.id });

export const workspaceId = uuid.transform((v) => v as WorkspaceId);
export const userId = uuid.transform((v) => v as UserId);
export const memberId = uuid.transform((v) => v as MemberId);
export const partnerUserId = uuid.transform((v) => v as PartnerUserId);
export const partnerId = uuid.transform((v) => v as PartnerId);
export const contactId = uuid.transform((v) => v as ContactId);
export const invitationId = uuid.transform((v) => v as InvitationId);
export const apiKeyId = uuid.transform((v) => v as ApiKeyId);
