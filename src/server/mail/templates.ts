import { seal, unseal } from '../sealed';
import type { MailMessage } from './mailer';

/**
 * A mail as it waits in the job queue: a ready message that carries no secret, or a template
 * whose link (it holds a token) is sealed with the server secret and opened only to send it, so
 * job payloads and their archive hold no usable token.
 */
export type MailJob =
  | MailMessage
  | { template: 'invitation'; to: string; workspaceName: string; sealedLink: string }
  | { template: 'password-reset'; to: string; sealedLink: string }
  | ({ template: 'signing-link'; to: string; sealedLink: string } & SigningLinkFacts);

/** What a signing link's mail says besides the link: plain values, no secret. */
export type SigningLinkFacts = {
  workspaceName: string;
  agreementTitle: string;
  signerName: string;
  expiresAt: string;
};

const LINK_PURPOSE = 'mail-link';

export function invitationMail(
  secret: string,
  to: string,
  workspaceName: string,
  url: string,
): MailJob {
  return { template: 'invitation', to, workspaceName, sealedLink: seal(secret, LINK_PURPOSE, url) };
}

export function passwordResetMail(secret: string, to: string, url: string): MailJob {
  return { template: 'password-reset', to, sealedLink: seal(secret, LINK_PURPOSE, url) };
}

export function signingLinkMail(
  secret: string,
  to: string,
  facts: SigningLinkFacts,
  url: string,
): MailJob {
  return { template: 'signing-link', to, ...facts, sealedLink: seal(secret, LINK_PURPOSE, url) };
}

/** The message to send, its link opened: at send time, in the worker. */
export function renderMail(secret: string, job: MailJob): MailMessage {
  if (!('template' in job)) return job;
  const url = unseal(secret, LINK_PURPOSE, job.sealedLink);
  if (job.template === 'signing-link') return signingLinkMessage(job.to, job, url);
  return job.template === 'invitation'
    ? invitationMessage(job.to, job.workspaceName, url)
    : passwordResetMessage(job.to, url);
}

function signingLinkMessage(to: string, facts: SigningLinkFacts, url: string): MailMessage {
  return {
    to,
    subject: `Please sign: ${oneLine(facts.agreementTitle)}`,
    text: [
      `Hello ${oneLine(facts.signerName)},`,
      '',
      `${oneLine(facts.workspaceName)} asks you to sign "${oneLine(facts.agreementTitle)}".`,
      '',
      `Open this link to read the agreement and sign it (it works once, until ${facts.expiresAt.slice(0, 16).replace('T', ' ')} UTC):`,
      url,
      '',
      'If you did not expect this, ignore this message; nothing is signed without you.',
    ].join('\n'),
  };
}

/**
 * Plain-text messages only: names people typed are never turned into HTML, so markup in a
 * workspace name arrives as the characters typed.
 */
function invitationMessage(to: string, workspaceName: string, url: string): MailMessage {
  return {
    to,
    subject: `You are invited to ${oneLine(workspaceName)} on Tandem`,
    text: [
      `You have been invited to join ${oneLine(workspaceName)} on Tandem.`,
      '',
      'Open this link to choose your password and sign in (it works once, for 7 days):',
      url,
      '',
      'If you did not expect this invitation, ignore this message.',
    ].join('\n'),
  };
}

function passwordResetMessage(to: string, url: string): MailMessage {
  return {
    to,
    subject: 'Reset your Tandem password',
    text: [
      'Someone asked to reset the password of your Tandem account.',
      '',
      'Open this link to choose a new password (it works once, for 1 hour):',
      url,
      '',
      'If it was not you, ignore this message; your password stays as it is.',
    ].join('\n'),
  };
}

/** Header values must not carry line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 120);
}
