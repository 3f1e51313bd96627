import type { Contact } from '../../../domain/contacts';
import type { ContactRow } from './contacts.queries';

/** A contact row as the API shows it (and as audit events record it). */
export function toContact(row: ContactRow, partnerName: string): Contact {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    firstName: row.firstName,
    lastName: row.lastName,
    title: row.title,
    email: row.email,
    phone: row.phone,
    role: row.role as Contact['role'],
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
