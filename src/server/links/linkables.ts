import type { LinkableType } from '../../domain/links';
import { agreementLinks, agreementVersionLinks } from '../features/agreements/agreements.links';
import { contactLinks } from '../features/contacts/contacts.service';
import { interactionLinks } from '../features/interactions/interactions.service';
import { issueLinks } from '../features/issues/issues.service';
import { partnerLinks } from '../features/partners/partners.service';
import { taskLinks } from '../features/tasks/tasks.service';
import type { LinkResolver } from './registry';

/**
 * Every linkable kind and how to resolve it in a scope, one line each (decision 023): a feature
 * whose records can be linked to adds its kind to `domain/links.ts` and its line here.
 */
export const linkables: Record<LinkableType, LinkResolver> = {
  partner: (db, scope, ids) => partnerLinks(db, scope, ids),
  contact: (db, scope, ids) => contactLinks(db, scope, ids),
  interaction: (db, scope, ids) => interactionLinks(db, scope, ids),
  issue: (db, scope, ids) => issueLinks(db, scope, ids),
  task: (db, scope, ids) => taskLinks(db, scope, ids),
  agreement: (db, scope, ids) => agreementLinks(db, scope, ids),
  agreement_version: (db, scope, ids) => agreementVersionLinks(db, scope, ids),
};
